/** Port, LAN access (with its warning and forced key), auth mode, timeout, upstream proxy, auto start. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { AlertIcon } from '../../components/icons.js';
import { Switch } from '../../components/switch.js';
import { authModeOptions, buildConnectionPatch, connectionFormSchema, toConnectionFormValues } from '../../forms/connection-form-schema.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectStatus } from '../../store/selectors.js';
import type { AuthMode, GatewayStatusView, SettingsView } from '../../store/view-types.js';
import { useSettingsForm } from '../../forms/use-settings-form.js';

/**
 * Where the gateway listens right now when that is not what the saved settings say: `serve --port`
 * or `--host` win for that run (a change saved here wins over them), so the form alone would lie.
 */
function ListenerInUse({ status }: { status: GatewayStatusView | null }) {
  const { t } = useTranslation();
  if (status === null || !status.listening) return null;
  const lines: string[] = [];
  if (status.command_line.port !== null && status.port !== null) {
    lines.push(t('proxy.connection.portFromCommandLine', { port: status.port, flag: status.command_line.port, saved: status.saved.port }));
  }
  if (status.command_line.host !== null && status.command_line.host !== status.saved.host) {
    lines.push(t('proxy.connection.hostFromCommandLine', { host: status.command_line.host, saved: status.saved.host }));
  }
  if (lines.length === 0) return null;
  return (
    <div className="callout callout--info" role="note" data-testid="listener-in-use">
      <div>
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </div>
  );
}

export function ConnectionForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => toConnectionFormValues(settings), [settings]);
  const form = useSettingsForm({
    saved,
    schema: connectionFormSchema,
    buildPatch: (parsed) => ({ proxy: buildConnectionPatch(parsed, settings) }),
  });
  const { errors, error, serverError, saving, submit } = form;
  const status = useAppStore(selectStatus).data;
  const bridgeKind = useBridgeKind();
  const { values, setField } = form;

  const authModeLabels: Record<AuthMode, string> = {
    auto: t('proxy.connection.authModes.auto'),
    off: t('proxy.connection.authModes.off'),
    strict: t('proxy.connection.authModes.strict'),
    all_except_health: t('proxy.connection.authModes.all_except_health'),
  };
  const authModeHints: Record<AuthMode, string> = {
    auto: t('proxy.connection.authModeHints.auto'),
    off: t('proxy.connection.authModeHints.off'),
    strict: t('proxy.connection.authModeHints.strict'),
    all_except_health: t('proxy.connection.authModeHints.all_except_health'),
  };

  const toggleLan = (on: boolean) => {
    setField('allow_lan_access', on);
    // LAN access needs a key: "off" would leave the accounts open to the network.
    if (on && values.auth_mode === 'off') setField('auth_mode', 'auto');
  };

  const portChanges = values.port.trim() !== String(settings.proxy.port);
  return (
    <Card title={t('proxy.connection.title')} description={t('proxy.connection.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('proxy.connection.title')}>
        <div className="form__grid">
          <Field id="proxy-port" label={t('proxy.connection.port')} hint={portChanges && bridgeKind === 'http' ? t('proxy.connection.portMoveHint') : t('proxy.connection.portHint')} error={error('port')}>
            <input className="input" inputMode="numeric" value={values.port} onChange={(event) => setField('port', event.target.value)} />
          </Field>
          <Field id="proxy-timeout" label={t('proxy.connection.timeout')} hint={t('proxy.connection.timeoutHint')} error={error('request_timeout_s')}>
            <input className="input" inputMode="numeric" value={values.request_timeout_s} onChange={(event) => setField('request_timeout_s', event.target.value)} />
          </Field>
        </div>
        <ListenerInUse status={status} />
        <Switch
          id="proxy-lan"
          checked={values.allow_lan_access}
          onChange={toggleLan}
          label={t('proxy.connection.lan')}
          description={t('proxy.connection.lanDescription')}
        />
        {values.allow_lan_access ? (
          <div className="callout callout--warning" role="note">
            <AlertIcon />
            <div>
              <p>{t('proxy.connection.lanWarning')}</p>
              {status?.lan_url ? (
                <p>
                  {t('proxy.connection.lanUrl')} <code className="code-inline">{status.lan_url}</code>
                </p>
              ) : (
                <p>{t('proxy.connection.lanUrlAfterSave')}</p>
              )}
            </div>
          </div>
        ) : null}
        <Field id="proxy-auth-mode" label={t('proxy.connection.authMode')} hint={authModeHints[values.auth_mode]} error={error('auth_mode')}>
          <select className="input" value={values.auth_mode} onChange={(event) => setField('auth_mode', event.target.value as AuthMode)}>
            {authModeOptions.map((mode) => (
              <option key={mode} value={mode} disabled={values.allow_lan_access && mode === 'off'}>
                {authModeLabels[mode]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="proxy-upstream" label={t('proxy.connection.upstreamProxy')} hint={t('proxy.connection.upstreamProxyHint')} error={error('upstream_proxy')}>
          <input
            className="input"
            value={values.upstream_proxy}
            placeholder="socks5://127.0.0.1:1080"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setField('upstream_proxy', event.target.value)}
          />
        </Field>
        <Switch
          id="proxy-auto-start"
          checked={values.auto_start}
          onChange={(checked) => setField('auto_start', checked)}
          label={t('proxy.connection.autoStart')}
          description={t('proxy.connection.autoStartDescription')}
        />
        {serverError === null ? null : (
          <p className="form__error" role="alert">
            {serverError}
          </p>
        )}
        {Object.keys(errors).length > 0 ? (
          <p className="form__error" role="alert">
            {t('common.fixErrors')}
          </p>
        ) : null}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={saving} disabled={!form.dirty}>
            {t('common.save')}
          </Button>
          <Button variant="ghost" disabled={!form.dirty || saving} onClick={form.discard}>
            {t('common.discard')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
