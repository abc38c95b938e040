/** The gateway at a glance: state, the base URL to copy, the LAN URL, start/stop. Shared by Dashboard and API Proxy. */
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button.js';
import { Card } from '../components/card.js';
import { CopyButton } from '../components/copy-button.js';
import { GatewayStatusPill } from '../components/gateway-status-pill.js';
import { PlayIcon, RefreshIcon, StopIcon } from '../components/icons.js';
import { ResourceView } from '../components/load-states.js';
import { useAppStore } from '../store/app-store-context.js';
import { selectGatewayCommand, selectLoadStatus, selectReachability, selectRunGatewayCommand, selectStatus } from '../store/selectors.js';

export function GatewayCard({ showRestart = false }: { showRestart?: boolean }) {
  const { t } = useTranslation();
  const status = useAppStore(selectStatus);
  const command = useAppStore(selectGatewayCommand);
  const run = useAppStore(selectRunGatewayCommand);
  const reload = useAppStore(selectLoadStatus);
  const offline = useAppStore(selectReachability) === 'offline';

  return (
    <Card
      title={t('gateway.title')}
      className="gateway-card"
      actions={status.data === null && !offline ? undefined : <GatewayStatusPill status={status.data} offline={offline} />}
    >
      {offline ? (
        <p className="callout callout--error" data-testid="gateway-offline">
          {t('gateway.offlineExplained')}
        </p>
      ) : null}
      <ResourceView resource={status} onRetry={() => void reload()}>
        {(data) => (
          <div className="gateway">
            <dl className="facts">
              <div className="facts__item facts__item--wide">
                <dt>{t('gateway.baseUrl')}</dt>
                <dd className="with-action">
                  {data.base_url === null ? (
                    <span className="muted">{t('gateway.notListening')}</span>
                  ) : (
                    <>
                      <code className="code-inline" data-testid="base-url">
                        {data.base_url}
                      </code>
                      <CopyButton value={data.base_url} ariaLabel={t('gateway.copyBaseUrl')} />
                    </>
                  )}
                </dd>
              </div>
              {data.lan_url === null ? null : (
                <div className="facts__item facts__item--wide">
                  <dt>{t('gateway.lanUrl')}</dt>
                  <dd className="with-action">
                    <code className="code-inline">{data.lan_url}</code>
                    <CopyButton value={data.lan_url} ariaLabel={t('gateway.copyLanUrl')} />
                  </dd>
                </div>
              )}
              <div className="facts__item">
                <dt>{t('gateway.accounts')}</dt>
                <dd>{t('gateway.accountsActive', { active: data.accounts.active, total: data.accounts.total })}</dd>
              </div>
              <div className="facts__item">
                <dt>{t('gateway.version')}</dt>
                <dd>{data.version}</dd>
              </div>
            </dl>
            {data.error === null ? null : (
              <p className="callout callout--error" role="alert">
                {data.error}
              </p>
            )}
            {!data.serving && data.error === null && !offline ? <p className="callout callout--info">{t('gateway.stoppedExplained')}</p> : null}
            <div className="button-row">
              {data.serving ? (
                <Button variant="secondary" icon={<StopIcon />} busy={command === 'stop'} disabled={command !== null} onClick={() => void run('stop')}>
                  {t('gateway.stop')}
                </Button>
              ) : (
                <Button variant="primary" icon={<PlayIcon />} busy={command === 'start'} disabled={command !== null} onClick={() => void run('start')}>
                  {t('gateway.start')}
                </Button>
              )}
              {showRestart ? (
                <Button variant="ghost" icon={<RefreshIcon />} busy={command === 'restart'} disabled={command !== null} onClick={() => void run('restart')}>
                  {t('gateway.restart')}
                </Button>
              ) : null}
            </div>
          </div>
        )}
      </ResourceView>
    </Card>
  );
}
