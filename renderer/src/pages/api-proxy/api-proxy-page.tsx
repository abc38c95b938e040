/** API Proxy: run the gateway and configure how clients reach it and how models map. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/card.js';
import { ResourceView } from '../../components/load-states.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectHideApiKey, selectLoadSettings, selectSettings } from '../../store/selectors.js';
import { GatewayCard } from '../gateway-card.js';
import { ApiKeyCard } from './api-key-card.js';
import { ClientSnippets } from './client-snippets.js';
import { ConnectionForm } from './connection-form.js';
import { ConsolePasswordCard } from './console-password-card.js';
import { KeysCard } from './keys-card.js';
import { MappingEditor } from './mapping-editor.js';
import { ProtectionForm } from './protection-form.js';
import { SchedulingForm } from './scheduling-form.js';

export function ApiProxyPage() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const reload = useAppStore(selectLoadSettings);
  const hideApiKey = useAppStore(selectHideApiKey);
  // A key shown with Show is hidden again when the page is left.
  useEffect(() => hideApiKey, [hideApiKey]);
  return (
    <div className="page">
      <PageHeader title={t('proxy.title')} description={t('proxy.description')} />
      <ResourceView resource={settings} onRetry={() => void reload()} loadingLabel={t('proxy.loading')}>
        {(data) => (
          <div className="grid">
            <div className="stack">
              <GatewayCard showRestart />
              <ApiKeyCard settings={data} />
              <ConsolePasswordCard settings={data} />
            </div>
            <div className="stack">
              <ConnectionForm settings={data} />
              <SchedulingForm settings={data} />
              <ProtectionForm settings={data} />
            </div>
            <KeysCard />
            <MappingEditor />
            <ClientSnippets settings={data} />
          </div>
        )}
      </ResourceView>
    </div>
  );
}
