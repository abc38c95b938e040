/**
 * Import a file: a Skyport backup (its passphrase asked when it is encrypted; merged by email, all
 * or nothing, with a summary) or an Antigravity Manager export (each account verified with Google).
 * The file is read here and sent as text; its passphrase goes to the gateway, never into the store.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Field } from '../../components/field.js';
import { JsonFileInput } from '../../components/json-file-input.js';
import { Modal } from '../../components/modal.js';
import { useAppStore, useControlApi } from '../../store/app-store-context.js';
import { selectLoadAccounts, selectLoadStatus } from '../../store/selectors.js';
import { readFileText } from '../settings/data-section.js';
import { ImportResultList, type ImportResultRow } from './import-result-list.js';
import { localImportRows } from './local-import-rows.js';

type Chosen = { name: string; text: string; kind: 'backup' | 'encrypted-backup' | 'other' };

const backupFormat = 'skyport-accounts-backup';
const outcomeKeys = { added: 'accountTransfer.result.added', updated: 'accountTransfer.result.updated', skipped: 'accountTransfer.result.skipped' } as const;

/** What the file is, by its envelope; a file that does not parse but names the format is a damaged backup (the gateway says so). */
export function classifyImportFile(text: string): Chosen['kind'] {
  try {
    const json = JSON.parse(text) as { format?: unknown; encryption?: unknown } | null;
    if (json !== null && typeof json === 'object' && json.format === backupFormat) return json.encryption === 'none' ? 'backup' : 'encrypted-backup';
    return 'other';
  } catch {
    return text.includes(`"${backupFormat}"`) ? 'encrypted-backup' : 'other';
  }
}

export function ImportAccountsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useControlApi();
  const reportError = useAppStore((state) => state.reportError);
  const loadAccounts = useAppStore(selectLoadAccounts);
  const loadStatus = useAppStore(selectLoadStatus);
  const fileInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ added: number; updated: number; skipped: number } | null>(null);
  const [rows, setRows] = useState<ImportResultRow[] | null>(null);

  const choose = async (file: File) => {
    setError(null);
    setRows(null);
    setSummary(null);
    try {
      const text = await readFileText(file);
      setChosen({ name: file.name, text, kind: classifyImportFile(text) });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    try {
      if (chosen.kind === 'other') {
        const { results } = await api.importLocalAccounts({ source: 'antigravity-manager', content: chosen.text });
        setRows(localImportRows(results, t('accountTransfer.result.added')));
      } else {
        const restored = await api.restoreAccountsBackup(chosen.kind === 'encrypted-backup' ? { content: chosen.text, passphrase } : { content: chosen.text });
        setSummary(restored);
        setRows(restored.results.map((result) => ({ label: result.email, ok: result.outcome !== 'skipped', detail: t(outcomeKeys[result.outcome]) + (result.reason === null ? '' : ` (${result.reason})`) })));
      }
      setPassphrase('');
      void loadAccounts();
      void loadStatus();
    } catch (caught) {
      setError(reportError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('accountTransfer.import.title')} onClose={onClose} size="wide">
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="field__hint">{t('accountTransfer.import.intro')}</p>
        <JsonFileInput ref={fileInput} id="accounts-import-file" label={t('accountTransfer.import.choose')} onFile={(file) => void choose(file)} />
        <div className="with-action">
          <Button onClick={() => fileInput.current?.click()}>{t('accountTransfer.import.choose')}</Button>
          {chosen === null ? null : (
            <span data-testid="import-file-kind">
              {chosen.name}: {t(chosen.kind === 'other' ? 'accountTransfer.import.kindOther' : 'accountTransfer.import.kindBackup')}
            </span>
          )}
        </div>
        {chosen?.kind === 'encrypted-backup' ? (
          <Field id="restore-passphrase" label={t('accountTransfer.import.passphrase')}>
            <input className="input" type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
          </Field>
        ) : null}
        {error === null ? null : (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        {summary === null ? null : (
          <p role="status" data-testid="restore-summary">
            {t('accountTransfer.import.summary', { added: summary.added, updated: summary.updated, skipped: summary.skipped })}
          </p>
        )}
        {rows === null ? null : <ImportResultList rows={rows} />}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy} disabled={chosen === null || (chosen.kind === 'encrypted-backup' && passphrase === '')}>
            {t('accountTransfer.import.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
