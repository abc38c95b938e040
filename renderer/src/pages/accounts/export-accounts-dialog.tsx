/**
 * Export the accounts as a backup file: encrypted with a passphrase typed twice (scrypt +
 * AES-256-GCM in the gateway; only the encrypted file comes back here), or unencrypted only when
 * the box is ticked, under a warning.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Field } from '../../components/field.js';
import { AlertIcon } from '../../components/icons.js';
import { Modal } from '../../components/modal.js';
import { useAppStore, useControlApi } from '../../store/app-store-context.js';
import { selectNotify } from '../../store/selectors.js';
import { downloadBlob } from '../../util/download-blob.js';

const minLength = 8;

export function ExportAccountsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useControlApi();
  const notify = useAppStore(selectNotify);
  const reportError = useAppStore((state) => state.reportError);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [plain, setPlain] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!plain && [...passphrase].length < minLength) return setError(t('accountTransfer.export.tooShort', { count: minLength }));
    if (!plain && passphrase !== again) return setError(t('accountTransfer.export.mismatch'));
    setError(null);
    setBusy(true);
    try {
      const file = await api.exportAccountsBackup(plain ? { plain: true } : { passphrase });
      downloadBlob(new Blob([file.content], { type: 'application/json' }), file.file_name);
      notify('success', t('accountTransfer.export.done', { count: file.count }));
      onClose();
    } catch (caught) {
      setError(reportError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('accountTransfer.export.title')} onClose={onClose}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="field__hint">{t('accountTransfer.export.intro')}</p>
        {plain ? null : (
          <>
            <Field id="backup-passphrase" label={t('accountTransfer.export.passphrase')} hint={t('accountTransfer.export.passphraseHint', { count: minLength })}>
              <input className="input" type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
            </Field>
            <Field id="backup-passphrase-again" label={t('accountTransfer.export.again')}>
              <input className="input" type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} />
            </Field>
          </>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={plain} onChange={(event) => setPlain(event.target.checked)} />
          <span>{t('accountTransfer.export.plain')}</span>
        </label>
        {plain ? (
          <p className="callout callout--warning small" role="note">
            <AlertIcon /> <span>{t('accountTransfer.export.plainWarning')}</span>
          </p>
        ) : null}
        {error === null ? null : (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('accountTransfer.export.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
