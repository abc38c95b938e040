/**
 * Where the data lives, and settings export/import. An import shows what the file would change
 * before anything is applied: the file's secrets only when the user ticks them, and upstream.*
 * (where tokens are sent) never, which the preview says.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { CopyButton } from '../../components/copy-button.js';
import { Field } from '../../components/field.js';
import { AlertIcon } from '../../components/icons.js';
import { JsonFileInput } from '../../components/json-file-input.js';
import { Modal } from '../../components/modal.js';
import { parseSettingsDocument } from '../../forms/small-forms-schemas.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectExportSettings, selectImportSettings, selectNotify, selectPreviewSettingsImport } from '../../store/selectors.js';
import type { SettingsImportChange } from '../../store/settings-slice.js';
import type { SettingsView } from '../../store/view-types.js';
import { downloadBlob } from '../../util/download-blob.js';

/** A chosen file's text (FileReader: Blob.text() is missing in some engines). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });
}

/** Offers `document` as a JSON file download. */
export function downloadJson(document: Record<string, unknown>, fileName: string): void {
  downloadBlob(new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' }), fileName);
}

export function DataSection({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const exportSettings = useAppStore(selectExportSettings);
  const importSettings = useAppStore(selectImportSettings);
  const previewSettingsImport = useAppStore(selectPreviewSettingsImport);
  const [pending, setPending] = useState<{ document: Record<string, unknown>; changes: SettingsImportChange[] } | null>(null);
  const [applySecrets, setApplySecrets] = useState(false);
  const [currentCredential, setCurrentCredential] = useState('');
  // Applying the file's console password asks for the current credential in the web console (the admin API checks it).
  const asksCurrent = useBridgeKind() === 'http';
  const notify = useAppStore(selectNotify);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const runExport = async () => {
    setExporting(true);
    setExportError(null);
    const outcome = await exportSettings(includeSecrets);
    setExporting(false);
    if (!outcome.ok) {
      setExportError(outcome.error);
      return;
    }
    downloadJson(outcome.value, includeSecrets ? 'skyport-settings-with-secrets.json' : 'skyport-settings.json');
    notify('success', t('settings.data.exported'));
  };

  const runImport = async (file: File) => {
    setImportError(null);
    let text: string;
    try {
      text = await readFileText(file);
    } catch (error) {
      setImportError(error instanceof Error ? error.message : String(error));
      return;
    }
    const parsed = parseSettingsDocument(text);
    if (!parsed.ok) {
      setImportError(t(parsed.errorKey));
      return;
    }
    setImporting(true);
    const preview = await previewSettingsImport(parsed.document);
    setImporting(false);
    if (!preview.ok) {
      setImportError(preview.error);
      return;
    }
    setApplySecrets(false);
    setCurrentCredential('');
    setPending({ document: parsed.document, changes: preview.value });
  };

  const applyImport = async () => {
    if (pending === null) return;
    setImporting(true);
    const outcome = await importSettings(pending.document, applySecrets, needsCurrent ? currentCredential : undefined);
    setImporting(false);
    if (!outcome.ok) {
      setImportError(outcome.error);
      setPending(null);
      return;
    }
    setPending(null);
    notify('success', t('settings.data.imported'));
    if (outcome.value.skippedSecrets.length > 0) notify('info', t('settings.data.skippedSecrets', { fields: outcome.value.skippedSecrets.join(', ') }));
  };

  const ownerOnly = pending?.changes.filter((change) => change.kind === 'owner_only') ?? [];
  const secrets = pending?.changes.filter((change) => change.kind === 'secret') ?? [];
  const settingsChanges = pending?.changes.filter((change) => change.kind === 'setting') ?? [];
  const showValue = (value: string | null) => value ?? t('settings.data.previewHidden');
  const needsCurrent = asksCurrent && applySecrets && secrets.some((change) => change.path.endsWith('.admin_password'));

  return (
    <Card title={t('settings.data.title')} description={t('settings.data.description')}>
      <dl className="facts">
        <div className="facts__item facts__item--wide">
          <dt>{t('settings.data.directory')}</dt>
          <dd className="with-action">
            <code className="code-inline" data-testid="data-dir">
              {settings.data_dir}
            </code>
            <CopyButton value={settings.data_dir} ariaLabel={t('settings.data.copyDirectory')} />
          </dd>
        </div>
      </dl>
      <div className="subsection">
        <h3 className="subsection__title">{t('settings.data.exportTitle')}</h3>
        <label className="checkbox">
          <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} />
          <span>{t('settings.data.includeSecrets')}</span>
        </label>
        {includeSecrets ? (
          <p className="callout callout--warning small" role="note">
            <AlertIcon /> <span>{t('settings.data.secretsWarning')}</span>
          </p>
        ) : null}
        {exportError === null ? null : (
          <p className="form__error" role="alert">
            {exportError}
          </p>
        )}
        <Button busy={exporting} onClick={() => void runExport()}>
          {t('settings.data.export')}
        </Button>
      </div>
      <div className="subsection">
        <h3 className="subsection__title">{t('settings.data.importTitle')}</h3>
        <p className="field__hint">{t('settings.data.importHint')}</p>
        <JsonFileInput ref={fileInput} id="settings-import-file" label={t('settings.data.import')} onFile={(file) => void runImport(file)} />
        {importError === null ? null : (
          <p className="form__error" role="alert">
            {importError}
          </p>
        )}
        <Button busy={importing} onClick={() => fileInput.current?.click()}>
          {t('settings.data.import')}
        </Button>
      </div>
      {pending === null ? null : (
        <Modal
          title={t('settings.data.previewTitle')}
          size="wide"
          onClose={() => setPending(null)}
          footer={
            <>
              <Button variant="ghost" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" busy={importing} disabled={ownerOnly.length > 0 || pending.changes.length === 0} onClick={() => void applyImport()}>
                {t('settings.data.apply')}
              </Button>
            </>
          }
        >
          {pending.changes.length === 0 ? <p>{t('settings.data.previewNothing')}</p> : null}
          {ownerOnly.length > 0 ? (
            <div className="callout callout--warning small" role="alert">
              <AlertIcon /> <span>{t('settings.data.previewOwnerOnly')}</span>
              <ul data-testid="import-owner-only">
                {ownerOnly.map((change) => (
                  <li key={change.path}>
                    <code>{change.path}</code>: {showValue(change.before)} → {showValue(change.after)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {settingsChanges.length > 0 ? (
            <ul className="import-preview" data-testid="import-changes">
              {settingsChanges.map((change) => (
                <li key={change.path}>
                  <code>{change.path}</code>: {showValue(change.before)} → {showValue(change.after)}
                </li>
              ))}
            </ul>
          ) : null}
          {secrets.length > 0 ? (
            <div className="subsection">
              <p className="field__hint">
                {t('settings.data.previewSecrets')} ({secrets.map((change) => change.path).join(', ')})
              </p>
              <label className="checkbox">
                <input type="checkbox" checked={applySecrets} onChange={(event) => setApplySecrets(event.target.checked)} />
                <span>{t('settings.data.applySecrets')}</span>
              </label>
              {needsCurrent ? (
                <Field id="import-current-credential" label={t('proxy.consolePassword.current')} hint={t('proxy.consolePassword.currentHint')}>
                  <input className="input" type="password" autoComplete="current-password" value={currentCredential} onChange={(event) => setCurrentCredential(event.target.value)} />
                </Field>
              ) : null}
            </div>
          ) : null}
        </Modal>
      )}
    </Card>
  );
}
