/**
 * End to end: Accounts > Export… on one gateway's console and Import… on another's, in a real
 * Chromium (playwright-core + Debian's chromium) against real gateways: the downloaded file is
 * encrypted, a wrong passphrase is refused with nothing stored, the right one restores both
 * accounts and says so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { signInToConsole } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const consolePassword = 'console-transfer-e2e-password';
const passphrase = 'maple window seven';

let source: TestGateway;
let target: TestGateway;
let browser: LaunchedChromium;
let page: Page;
let downloads: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  const settings = { 'proxy.admin_password': consolePassword };
  source = await startTestGateway({ accounts: [testAccount({ email: 'export-one@example.com' }), testAccount({ email: 'export-two@example.com' })], settings });
  target = await startTestGateway({ accounts: [], settings });
  downloads = await mkdtemp(join(tmpdir(), 'skyport-downloads-'));
  browser = await launchChromium({ defaultTimeout: 20_000, colorScheme: 'light', acceptDownloads: true });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await source?.close();
  await target?.close();
  if (downloads !== undefined) await rm(downloads, { recursive: true, force: true });
}, 60_000);

async function openAccounts(origin: string): Promise<void> {
  await signInToConsole(page, origin, consolePassword, { onlyWhenAsked: true });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
}

describe('console: accounts backup', { timeout: 180_000 }, () => {
  it('exports an encrypted file on one gateway and restores it on another', async () => {
    await openAccounts(source.origin);
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export accounts' });
    await exportDialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await exportDialog.getByLabel('Passphrase again').fill(passphrase);
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^skyport-accounts-\d{4}-\d{2}-\d{2}\.json$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'skyport-accounts-backup', encryption: 'aes-256-gcm' });
    expect(text).not.toContain('1//');
    expect(text).not.toContain('export-one@example.com');

    await browser.context.clearCookies();
    await openAccounts(target.origin);
    await page.getByRole('button', { name: 'Import…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import accounts' });
    await importDialog.locator('#accounts-import-file').setInputFiles(file);
    await importDialog.getByTestId('import-file-kind').getByText(/Skyport backup/).waitFor();
    await importDialog.getByLabel('Backup passphrase').fill('a wrong passphrase');
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(async () => importDialog.getByRole('alert').textContent()).toMatch(/Wrong passphrase/);
    expect(target.gateway.accountStore.list()).toHaveLength(0);

    await importDialog.getByLabel('Backup passphrase').fill(passphrase);
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(async () => importDialog.getByTestId('restore-summary').textContent()).toBe('2 added, 0 updated, 0 skipped.');
    expect(target.gateway.accountStore.list().map((account) => account.email).sort()).toEqual(['export-one@example.com', 'export-two@example.com']);
    await importDialog.getByRole('button', { name: 'Close' }).first().click();
    await page.getByTestId('account-export-two@example.com').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
