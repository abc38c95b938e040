/**
 * Monitor: every request through the gateway as it finishes (live, or paused), filtered by the
 * server, older pages on demand; a record's details in a drawer; clear and CSV export.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card, PageHeader } from '../../components/card.js';
import { AlertIcon, DownloadIcon, MonitorIcon, PauseIcon, PlayIcon, TrashIcon } from '../../components/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/load-states.js';
import { ConfirmDialog } from '../../components/modal.js';
import { pageHref } from '../../navigation/use-hash-route.js';
import { useAppStore } from '../../store/app-store-context.js';
import { emptyLogFilter, isLogFilterEmpty } from '../../store/matches-log-filter.js';
import {
  selectClearingLogs,
  selectClearLogs,
  selectCloseLogDetail,
  selectEventFeed,
  selectExportLogsCsv,
  selectLoadLogs,
  selectLoadOlderLogs,
  selectLogDetail,
  selectLogFilter,
  selectLoggingEnabled,
  selectLogMissed,
  selectLogPaused,
  selectNotify,
  selectOpenLogDetail,
  selectRequestLog,
  selectSetLogFilter,
  selectSetLogPaused,
} from '../../store/selectors.js';
import { downloadBlob } from '../../util/download-blob.js';
import { formatCount } from '../../util/format-figures.js';
import { LogFilterBar } from './log-filter-bar.js';
import { RequestDetailDrawer } from './request-detail-drawer.js';
import { RequestLogTable } from './request-log-table.js';

export function MonitorPage() {
  const { t } = useTranslation();
  const loadLogs = useAppStore(selectLoadLogs);
  const paused = useAppStore(selectLogPaused);
  const setPaused = useAppStore(selectSetLogPaused);
  const detail = useAppStore(selectLogDetail);
  const closeDetail = useAppStore(selectCloseLogDetail);
  const loggingEnabled = useAppStore(selectLoggingEnabled);
  const [confirmClear, setConfirmClear] = useState(false);

  useEffect(() => {
    void loadLogs();
  }, [loadLogs]);
  // Leaving the page (a link in the drawer, the navigation) closes the drawer: coming back shows the list.
  useEffect(() => closeDetail, [closeDetail]);

  return (
    <div className="page page--wide">
      <PageHeader
        title={t('monitor.title')}
        description={t('monitor.description')}
        actions={
          <>
            <LiveIndicator />
            <Button icon={paused ? <PlayIcon /> : <PauseIcon />} aria-pressed={paused} onClick={() => setPaused(!paused)}>
              {paused ? t('monitor.resume') : t('monitor.pause')}
            </Button>
            <ExportButton />
            <Button variant="ghost" icon={<TrashIcon />} onClick={() => setConfirmClear(true)}>
              {t('monitor.clear')}
            </Button>
          </>
        }
      />
      {loggingEnabled ? null : (
        <div className="callout callout--warning" role="note">
          <AlertIcon />
          <div>
            <p>{t('monitor.loggingOff')}</p>
            <p>
              <a href={pageHref('settings')}>{t('monitor.loggingOffLink')}</a>
            </p>
          </div>
        </div>
      )}
      <Card>
        <LogFilterBar />
      </Card>
      <Card className="card--flush">
        <LogList />
      </Card>
      {detail === null ? null : <RequestDetailDrawer detail={detail} onClose={closeDetail} />}
      {confirmClear ? <ClearDialog onDone={() => setConfirmClear(false)} /> : null}
    </div>
  );
}

function LiveIndicator() {
  const { t } = useTranslation();
  const paused = useAppStore(selectLogPaused);
  const missed = useAppStore(selectLogMissed);
  const feed = useAppStore(selectEventFeed);
  if (paused) {
    return (
      <span className="pill pill--paused" role="status">
        <span className="pill__dot" aria-hidden="true" />
        {missed === 0 ? t('monitor.paused') : t('monitor.pausedMissed', { missed })}
      </span>
    );
  }
  if (feed !== 'open') {
    return (
      <span className="pill pill--stopped" role="status">
        <span className="pill__dot" aria-hidden="true" />
        {t('monitor.offline')}
      </span>
    );
  }
  return (
    <span className="pill pill--serving pill--live" role="status">
      <span className="pill__dot" aria-hidden="true" />
      {t('monitor.live')}
    </span>
  );
}

function LogList() {
  const { t, i18n } = useTranslation();
  const log = useAppStore(selectRequestLog);
  const filter = useAppStore(selectLogFilter);
  const setFilter = useAppStore(selectSetLogFilter);
  const loadLogs = useAppStore(selectLoadLogs);
  const loadOlder = useAppStore(selectLoadOlderLogs);
  const openDetail = useAppStore(selectOpenLogDetail);
  const loggingEnabled = useAppStore(selectLoggingEnabled);

  if (!log.loaded) {
    if (log.error !== null) return <ErrorState message={log.error} onRetry={() => void loadLogs()} />;
    return <LoadingState label={t('monitor.loading')} />;
  }
  if (log.items.length === 0) {
    if (!isLogFilterEmpty(filter)) {
      return (
        <EmptyState
          title={t('monitor.noMatchTitle')}
          text={t('monitor.noMatchText')}
          action={
            <Button onClick={() => setFilter(emptyLogFilter)} className="log-filter-reset">
              {t('monitor.filters.clear')}
            </Button>
          }
        />
      );
    }
    return (
      <EmptyState
        icon={<MonitorIcon width={32} height={32} />}
        title={t('monitor.emptyTitle')}
        text={loggingEnabled ? t('monitor.emptyText') : t('monitor.emptyLoggingOff')}
      />
    );
  }
  return (
    <>
      {log.error === null ? null : <ErrorState message={log.error} onRetry={() => void loadLogs()} />}
      <RequestLogTable items={log.items} onOpen={openDetail} />
      <footer className="log-footer">
        <span className="muted small" role="status">
          {t('monitor.shown', { shown: formatCount(log.items.length, i18n.language) })}
        </span>
        {log.older === null ? (
          <span className="muted small">{t('monitor.oldestShown')}</span>
        ) : (
          <Button size="small" busy={log.loadingOlder} onClick={() => void loadOlder()}>
            {t('monitor.loadOlder')}
          </Button>
        )}
      </footer>
    </>
  );
}

function ExportButton() {
  const { t } = useTranslation();
  const exportCsv = useAppStore(selectExportLogsCsv);
  const notify = useAppStore(selectNotify);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const outcome = await exportCsv();
    setBusy(false);
    if (!outcome.ok) return;
    downloadBlob(outcome.value.blob, outcome.value.fileName);
    notify(outcome.value.truncated ? 'info' : 'success', outcome.value.truncated ? t('monitor.exportTruncated') : t('monitor.exported'));
  };
  return (
    <Button icon={<DownloadIcon />} busy={busy} onClick={() => void run()}>
      {t('monitor.export')}
    </Button>
  );
}

function ClearDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const clearLogs = useAppStore(selectClearLogs);
  const clearing = useAppStore(selectClearingLogs);
  const notify = useAppStore(selectNotify);
  return (
    <ConfirmDialog
      title={t('monitor.clearTitle')}
      message={t('monitor.clearMessage')}
      confirmLabel={t('monitor.clearConfirm')}
      danger
      busy={clearing}
      onConfirm={() => {
        void clearLogs().then((outcome) => {
          onDone();
          if (outcome.ok) notify('success', t('monitor.cleared', { deleted: outcome.value }));
        });
      }}
      onCancel={onDone}
    />
  );
}
