/**
 * The Accounts page's way in and out: Export… (an encrypted backup file), Import… (a backup, or
 * an Antigravity Manager export), Import from this computer (Antigravity, Gemini CLI, Antigravity
 * Manager on the machine where the gateway runs).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { DownloadIcon, PlusIcon } from '../../components/icons.js';
import { ExportAccountsDialog } from './export-accounts-dialog.js';
import { ImportAccountsDialog } from './import-accounts-dialog.js';
import { LocalImportDialog } from './local-import-dialog.js';

type Open = 'export' | 'import' | 'local' | null;

export function AccountsTransferActions({ hasAccounts }: { hasAccounts: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Button icon={<DownloadIcon />} disabled={!hasAccounts} onClick={() => setOpen('export')}>
        {t('accountTransfer.exportButton')}
      </Button>
      <Button onClick={() => setOpen('import')}>{t('accountTransfer.importButton')}</Button>
      <Button icon={<PlusIcon />} onClick={() => setOpen('local')}>
        {t('accountTransfer.localButton')}
      </Button>
      {open === 'export' ? <ExportAccountsDialog onClose={close} /> : null}
      {open === 'import' ? <ImportAccountsDialog onClose={close} /> : null}
      {open === 'local' ? <LocalImportDialog onClose={close} /> : null}
    </>
  );
}
