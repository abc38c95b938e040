/** Settings: appearance and language (this device), launch at login and updates (desktop), quota refresh, request log, data. */
import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../components/card.js';
import { ResourceView } from '../../components/load-states.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectLoadSettings, selectSettings, selectStatus } from '../../store/selectors.js';
import { AppearanceSection } from './appearance-section.js';
import { DataSection } from './data-section.js';
import { LaunchAtLoginSection } from './launch-at-login-section.js';
import { QuotaRefreshForm } from './quota-refresh-form.js';
import { RequestLogForm } from './request-log-form.js';
import { UpdatesSection } from './updates-section.js';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const reload = useAppStore(selectLoadSettings);
  const version = useAppStore(selectStatus).data?.version;
  const bridgeKind = useBridgeKind();
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <div className="grid">
        <div className="stack">
          <AppearanceSection />
          <LaunchAtLoginSection />
          <UpdatesSection />
          <Card title={t('settings.about.title')}>
            <dl className="facts">
              <div className="facts__item">
                <dt>{t('settings.about.version')}</dt>
                <dd>{version ?? '—'}</dd>
              </div>
              <div className="facts__item">
                <dt>{t('settings.about.mode')}</dt>
                <dd>{bridgeKind === 'ipc' ? t('settings.about.desktop') : t('settings.about.web')}</dd>
              </div>
            </dl>
          </Card>
        </div>
        <ResourceView resource={settings} onRetry={() => void reload()}>
          {(data) => (
            <div className="stack">
              <QuotaRefreshForm settings={data} />
              <RequestLogForm settings={data} />
              <DataSection settings={data} />
            </div>
          )}
        </ResourceView>
      </div>
    </div>
  );
}
