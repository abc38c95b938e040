/** The designed states of anything loaded: loading, failed (with retry), empty. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../store/view-types.js';
import { Button } from './button.js';
import { AlertIcon, RefreshIcon } from './icons.js';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function ErrorState({ title, message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state--error" role="alert">
      <AlertIcon />
      <div>
        <p className="state__title">{title ?? t('common.loadFailed')}</p>
        <p className="state__text">{message}</p>
      </div>
      {onRetry === undefined ? null : (
        <Button size="small" icon={<RefreshIcon />} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

export function EmptyState({ title, text, action, icon }: { title: string; text?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="state state--empty">
      {icon === undefined ? null : <div className="state__icon">{icon}</div>}
      <p className="state__title">{title}</p>
      {text === undefined ? null : <p className="state__text">{text}</p>}
      {action}
    </div>
  );
}

/** Renders `children(data)` once there is data; the loading or error state until then. */
export function ResourceView<T>({
  resource,
  onRetry,
  loadingLabel,
  children,
}: {
  resource: Resource<T>;
  onRetry?: () => void;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.data !== null) return <>{children(resource.data)}</>;
  if (resource.error !== null) return <ErrorState message={resource.error} {...(onRetry ? { onRetry } : {})} />;
  return <LoadingState {...(loadingLabel === undefined ? {} : { label: loadingLabel })} />;
}
