/** Desktop only: start Skyport when the user logs in (hidden in the web console). */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.js';
import { Switch } from '../../components/switch.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectDesktopSettings, selectLoadDesktopSettings, selectNotify, selectSetLaunchAtLogin } from '../../store/selectors.js';

export function LaunchAtLoginSection() {
  const bridgeKind = useBridgeKind();
  if (bridgeKind !== 'ipc') return null;
  return <LaunchAtLoginCard />;
}

function LaunchAtLoginCard() {
  const { t } = useTranslation();
  const desktop = useAppStore(selectDesktopSettings);
  const load = useAppStore(selectLoadDesktopSettings);
  const set = useAppStore(selectSetLaunchAtLogin);
  const notify = useAppStore(selectNotify);
  useEffect(() => {
    void load();
  }, [load]);
  if (desktop.data !== null && !desktop.data.available) return null;
  return (
    <Card title={t('settings.launchAtLogin.title')}>
      <Switch
        id="launch-at-login"
        checked={desktop.data?.launch_at_login ?? false}
        disabled={desktop.data === null}
        onChange={(enabled) =>
          void set(enabled).then((outcome) => {
            if (!outcome.ok) notify('error', outcome.error);
          })
        }
        label={t('settings.launchAtLogin.label')}
        description={t('settings.launchAtLogin.description')}
      />
      {desktop.error === null ? null : <p className="form__error">{desktop.error}</p>}
    </Card>
  );
}
