/**
 * A panel that slides in from the right over the page (a record's details): a modal dialog like
 * Modal (focus kept inside, Escape and the close button dismiss it), and a click beside it too.
 */
import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons.js';
import { useDialogFocus } from './use-dialog-focus.js';

export function Drawer({ title, subtitle, onClose, children }: { title: ReactNode; subtitle?: ReactNode; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useDialogFocus(panel, onClose);

  return (
    <div className="drawer-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={panel} className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="drawer__header">
          <div className="drawer__heading">
            <h2 id={titleId} className="drawer__title">
              {title}
            </h2>
            {subtitle === undefined ? null : <div className="drawer__subtitle">{subtitle}</div>}
          </div>
          <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={onClose} data-autofocus>
            <CloseIcon />
          </button>
        </header>
        <div className="drawer__body">{children}</div>
      </div>
    </div>
  );
}
