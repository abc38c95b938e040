import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { renderApp } from '../../../test-support/render-with-app.js';
import { classifyImportFile } from './import-accounts-dialog.js';

describe('Accounts export, import and import from this computer', () => {
  it('exports only with two matching passphrases of 8+ characters, and downloads the file it gets', async () => {
    const createObjectURL = vi.fn(() => 'blob:backup');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export accounts' });
    await user.type(within(dialog).getByLabelText('Passphrase'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/at least 8 characters/);
    await user.clear(within(dialog).getByLabelText('Passphrase'));
    await user.type(within(dialog).getByLabelText('Passphrase'), 'long enough one');
    await user.type(within(dialog).getByLabelText('Passphrase again'), 'long enough two');
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/differ/);
    expect(bridge.api.exportAccountsBackup).not.toHaveBeenCalled();
    await user.clear(within(dialog).getByLabelText('Passphrase again'));
    await user.type(within(dialog).getByLabelText('Passphrase again'), 'long enough one');
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(bridge.api.exportAccountsBackup).toHaveBeenCalledWith({ passphrase: 'long enough one' });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Exported 2 accounts.')).toBeTruthy();
  });

  it('asks for an unencrypted export only through the checkbox, with a warning', async () => {
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:plain'), revokeObjectURL: vi.fn() });
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export accounts' });
    await user.click(within(dialog).getByLabelText('Export unencrypted (not recommended)'));
    expect(within(dialog).getByRole('note').textContent).toMatch(/plain text/);
    expect(within(dialog).queryByLabelText('Passphrase')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(bridge.api.exportAccountsBackup).toHaveBeenCalledWith({ plain: true });
  });

  it('restores an encrypted backup with its passphrase and shows what was added, updated and skipped; a wrong one is said', async () => {
    const bridge = createFakeBridge();
    bridge.api.restoreAccountsBackup.mockRejectedValueOnce(httpError(400, 'Wrong passphrase, or the backup file was changed or damaged (its authentication check failed). Nothing was imported.'));
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Import…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import accounts' });
    const file = new File(['{"format":"skyport-accounts-backup","version":1,"encryption":"aes-256-gcm","ciphertext":"AAAA"}'], 'backup.json', { type: 'application/json' });
    await user.upload(within(dialog).getByLabelText('Choose file…', { selector: 'input' }), file);
    expect((await within(dialog).findByTestId('import-file-kind')).textContent).toMatch(/Skyport backup/);
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'not it');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Wrong passphrase/);
    await user.clear(within(dialog).getByLabelText('Backup passphrase'));
    await user.type(within(dialog).getByLabelText('Backup passphrase'), 'the right one');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByTestId('restore-summary')).textContent).toBe('1 added, 1 updated, 0 skipped.');
    expect(bridge.api.restoreAccountsBackup).toHaveBeenLastCalledWith({ content: expect.stringContaining('skyport-accounts-backup'), passphrase: 'the right one' });
  });

  it('sends another app’s export for verification, and lists what this computer holds', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Import from this computer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import from this computer' });
    expect(within(dialog).getByRole('note').textContent).toMatch(/computer where Skyport’s gateway runs/);
    const sources = await within(dialog).findByTestId('local-sources');
    expect(within(sources).getByRole('button', { name: 'Import from Antigravity' }).hasAttribute('disabled')).toBe(true);
    await user.click(within(sources).getByRole('button', { name: 'Import from Gemini CLI' }));
    expect(bridge.api.importLocalAccounts).toHaveBeenCalledWith({ source: 'gemini-cli' });
    expect((await within(dialog).findByTestId('import-results')).textContent).toBe('gem@example.com: added');
  });

  it('tells a backup, a damaged backup and another app’s export apart', () => {
    expect(classifyImportFile('{"format":"skyport-accounts-backup","encryption":"none"}')).toBe('backup');
    expect(classifyImportFile('{"format":"skyport-accounts-backup","encryption":"aes-256-gcm"')).toBe('encrypted-backup');
    expect(classifyImportFile('[{"email":"a@example.com","refresh_token":"1//x"}]')).toBe('other');
  });
});
