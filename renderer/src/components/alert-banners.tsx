/**
 * The gateway's alerts as banners above the page, newest first, each until dismissed: unlike
 * notices they do not fade, because they ask the user to do or know something.
 */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store-context.js';
import { selectAlerts, selectDismissAlert } from '../store/selectors.js';
import { CloseIcon } from './icons.js';

export function AlertBanners() {
  const { t } = useTranslation();
  const alerts = useAppStore(selectAlerts);
  const dismiss = useAppStore(selectDismissAlert);
  if (alerts.length === 0) return null;
  return (
    <section className="alert-banners" aria-label={t('alerts.region')} data-testid="alert-banners">
      {alerts.map((alert) => (
        <div key={alert.id} className={`alert-banner alert-banner--${alert.severity}`} role={alert.severity === 'error' ? 'alert' : 'status'} data-kind={alert.kind}>
          <p className="alert-banner__message">
            {alert.message}
            <time className="alert-banner__time" dateTime={alert.at}>
              {new Date(alert.at).toLocaleTimeString()}
            </time>
          </p>
          <button type="button" className="icon-button" aria-label={t('alerts.dismiss')} onClick={() => dismiss(alert.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
