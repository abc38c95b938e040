/** A titled section of a page. */
import { useId, type ReactNode } from 'react';

export function Card({
  title,
  description,
  actions,
  children,
  className,
  id,
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const generatedId = useId();
  const headingId = `${id ?? generatedId}-title`;
  return (
    <section className={['card', className ?? ''].filter(Boolean).join(' ')} id={id} aria-labelledby={title === undefined ? undefined : headingId}>
      {title === undefined && actions === undefined ? null : (
        <header className="card__header">
          <div>
            {title === undefined ? null : (
              <h2 className="card__title" id={headingId}>
                {title}
              </h2>
            )}
            {description === undefined ? null : <p className="card__description">{description}</p>}
          </div>
          {actions === undefined ? null : <div className="card__actions">{actions}</div>}
        </header>
      )}
      <div className="card__body">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        {description === undefined ? null : <p className="page-header__description">{description}</p>}
      </div>
      {actions === undefined ? null : <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
