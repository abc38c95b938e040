/** Where the data lives, and settings export/import (secrets only when asked for). */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { CopyButton } from '../../components/copy-button.js';
import { AlertIcon } from '../../components/icons.js';
import { parseSettingsDocument } from '../../forms/small-forms-schemas.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectExportSettings, selectImportSettings, selectNotify } from '../../store/selectors.js';
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
    const outcome = await importSettings(parsed.document);
    setImporting(false);
    if (!outcome.ok) setImportError(outcome.error);
    else notify('success', t('settings.data.imported'));
  };

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
        <input
          ref={fileInput}
          id="settings-import-file"
          className="visually-hidden"
          type="file"
          aria-label={t('settings.data.import')}
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file !== undefined) void runImport(file);
          }}
        />
        {importError === null ? null : (
          <p className="form__error" role="alert">
            {importError}
          </p>
        )}
        <Button busy={importing} onClick={() => fileInput.current?.click()}>
          {t('settings.data.import')}
        </Button>
      </div>
    </Card>
  );
}
