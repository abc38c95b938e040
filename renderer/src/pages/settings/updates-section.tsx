/**
 * Desktop only: automatic updates (on/off, channel, status with download progress, Check now,
 * Restart to update) and "Show logs". Main keeps all of it (main/auto-updater.ts); this card
 * shows its status as it changes. A failed check is a line here, never a dialog.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopUpdatesApi, UpdateStatusView } from '../../bridge/bridge-types.js';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { SegmentedControl } from '../../components/segmented-control.js';
import { Switch } from '../../components/switch.js';
import { useAppStore, useDesktopUpdates } from '../../store/app-store-context.js';
import { selectNotify } from '../../store/selectors.js';

/** One line per phase (literal keys, so the translation check finds them). */
const phaseKeys = {
  unavailable: 'settings.updates.phase.unavailable',
  off: 'settings.updates.phase.off',
  idle: 'settings.updates.phase.idle',
  checking: 'settings.updates.phase.checking',
  up_to_date: 'settings.updates.phase.up_to_date',
  downloading: 'settings.updates.phase.downloading',
  downloaded: 'settings.updates.phase.downloaded',
  error: 'settings.updates.phase.error',
} as const satisfies Record<UpdateStatusView['phase'], string>;

export function UpdatesSection() {
  const updates = useDesktopUpdates();
  if (updates === null) return null;
  return <UpdatesCard updates={updates} />;
}

function UpdatesCard({ updates }: { updates: DesktopUpdatesApi }) {
  const { t } = useTranslation();
  const notify = useAppStore(selectNotify);
  const [status, setStatus] = useState<UpdateStatusView | null>(null);
  const [busy, setBusy] = useState<'check' | 'restart' | 'logs' | null>(null);

  useEffect(() => {
    let active = true;
    const stop = updates.onUpdateStatus((next) => {
      if (active) setStatus(next);
    });
    void updates
      .getUpdateStatus()
      .then((current) => {
        if (active) setStatus(current);
      })
      .catch((error: unknown) => notify('error', String(error instanceof Error ? error.message : error)));
    return () => {
      active = false;
      stop();
    };
  }, [updates, notify]);

  const run = async <Result,>(what: 'check' | 'restart' | 'logs', action: () => Promise<Result>): Promise<Result | undefined> => {
    setBusy(what);
    try {
      return await action();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  const save = (input: { enabled?: boolean; channel?: 'latest' | 'beta' }) =>
    void updates.setUpdatePreferences(input).then(setStatus, (error: unknown) => notify('error', error instanceof Error ? error.message : String(error)));

  const phaseText = status === null ? null : t(phaseKeys[status.phase], { version: status.version ?? '', percent: status.percent ?? 0 });
  const canUpdate = status !== null && status.phase !== 'unavailable';
  return (
    <Card title={t('settings.updates.title')}>
      <Switch
        id="auto-update"
        checked={status?.enabled ?? false}
        disabled={status === null}
        onChange={(enabled) => save({ enabled })}
        label={t('settings.updates.label')}
        description={t('settings.updates.description')}
      />
      <SegmentedControl
        legend={t('settings.updates.channel')}
        name="update-channel"
        value={status?.channel ?? 'latest'}
        options={[
          { value: 'latest', label: t('settings.updates.channelLatest') },
          { value: 'beta', label: t('settings.updates.channelBeta') },
        ]}
        onChange={(channel) => save({ channel })}
      />
      <p className="field__hint" role="status" data-testid="update-status">
        {phaseText}
        {status?.message == null ? null : <span className="update-status__detail"> {status.message}</span>}
        {status?.checked_at == null ? null : <span className="update-status__detail"> {t('settings.updates.checkedAt', { time: new Date(status.checked_at).toLocaleString() })}</span>}
      </p>
      {status?.phase === 'downloading' ? (
        <div className="quota__track" role="progressbar" aria-label={t('settings.updates.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={status.percent ?? 0}>
          <div className="quota__fill" style={{ width: `${status.percent ?? 0}%` }} />
        </div>
      ) : null}
      <div className="button-row">
        {status?.phase === 'downloaded' ? (
          <Button variant="primary" busy={busy === 'restart'} onClick={() => void run('restart', () => updates.restartToUpdate())}>
            {t('settings.updates.restart')}
          </Button>
        ) : null}
        <Button
          busy={busy === 'check'}
          disabled={!canUpdate || status?.enabled !== true || status.phase === 'checking' || status.phase === 'downloading'}
          onClick={() => void run('check', () => updates.checkForUpdates()).then((next) => next !== undefined && setStatus(next))}
        >
          {t('settings.updates.checkNow')}
        </Button>
        <Button
          busy={busy === 'logs'}
          onClick={() =>
            void run('logs', () => updates.showLogs()).then((opened) => {
              if (opened !== undefined) notify('success', t('settings.updates.logsOpened', { directory: opened.directory }));
            })
          }
        >
          {t('settings.updates.showLogs')}
        </Button>
      </div>
    </Card>
  );
}
