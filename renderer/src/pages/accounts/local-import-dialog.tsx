/**
 * Import from this computer: what Antigravity, Gemini CLI and Antigravity Manager hold on the
 * machine where the gateway runs (which is this computer for the desktop app, and the server for
 * a remote web console, as the dialog says), and an Import button per app that has accounts.
 * Each account is verified with Google before it is stored.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Modal } from '../../components/modal.js';
import type { ControlOutput } from '../../bridge/bridge-types.js';
import { useAppStore, useControlApi } from '../../store/app-store-context.js';
import { selectLoadAccounts, selectLoadStatus } from '../../store/selectors.js';
import { ImportResultList, type ImportResultRow } from './import-result-list.js';
import { localImportRows } from './local-import-rows.js';

type Source = ControlOutput<'findLocalAccounts'>['sources'][number];

export function LocalImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useControlApi();
  const reportError = useAppStore((state) => state.reportError);
  const loadAccounts = useAppStore(selectLoadAccounts);
  const loadStatus = useAppStore(selectLoadStatus);
  const [sources, setSources] = useState<Source[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Source['source'] | null>(null);
  const [rows, setRows] = useState<ImportResultRow[] | null>(null);

  useEffect(() => {
    let live = true;
    api.findLocalAccounts({}).then(
      (found) => live && setSources(found.sources),
      (caught: unknown) => live && setError(reportError(caught)),
    );
    return () => {
      live = false;
    };
  }, [api, reportError]);

  const run = async (source: Source['source']) => {
    setBusy(source);
    setError(null);
    try {
      const { results } = await api.importLocalAccounts({ source });
      setRows(localImportRows(results, t('accountTransfer.result.added')));
      void loadAccounts();
      void loadStatus();
    } catch (caught) {
      setError(reportError(caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal title={t('accountTransfer.local.title')} onClose={onClose} size="wide">
      <p className="callout callout--info small" role="note">
        {t('accountTransfer.local.where')}
      </p>
      {sources === null && error === null ? <p className="muted">{t('accountTransfer.local.looking')}</p> : null}
      {sources === null ? null : (
        <ul className="import-sources" data-testid="local-sources">
          {sources.map((source) => (
            <li key={source.source} className="import-sources__item">
              <div>
                <strong>{source.label}</strong>{' '}
                <span className="muted small">
                  {source.found && source.count !== null ? t('accountTransfer.local.count', { count: source.count }) : t('accountTransfer.local.notFound')}
                </span>
                <div>
                  <code className="code-inline small">{source.path}</code>
                </div>
                {source.problem === null || !source.found ? null : <p className="form__error small">{source.problem}</p>}
              </div>
              <Button size="small" busy={busy === source.source} disabled={!source.found || source.count === 0 || busy !== null} onClick={() => void run(source.source)}>
                {t('accountTransfer.local.import', { app: source.label })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error === null ? null : (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      {rows === null ? null : <ImportResultList rows={rows} />}
    </Modal>
  );
}
