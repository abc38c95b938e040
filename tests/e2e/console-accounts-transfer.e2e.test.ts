/**
 * End to end: Accounts > Export… on one gateway's console and Import… on another's, in a real
 * Chromium (playwright-core + Debian's chromium) against real gateways: the downloaded file is
 * encrypted, a wrong passphrase is refused with nothing stored, the right one restores both
 * accounts and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.SKYPORT_CHROMIUM ?? '/usr/bin/chromium';
const consolePassword = 'console-transfer-e2e-password';
const passphrase = 'maple window seven';

let source: TestGateway;
let target: TestGateway;
let context: BrowserContext;
let page: Page;
let userDataDirectory: string;
let downloads: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (.ci/run does), or set SKYPORT_CHROMIUM.`);
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  const settings = { 'proxy.admin_password': consolePassword };
  source = await startTestGateway({ accounts: [testAccount({ email: 'export-one@example.com' }), testAccount({ email: 'export-two@example.com' })], settings });
  target = await startTestGateway({ accounts: [], settings });
  userDataDirectory = await mkdtemp(join(tmpdir(), 'skyport-chromium-'));
  downloads = await mkdtemp(join(tmpdir(), 'skyport-downloads-'));
  context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await context?.close();
  await source?.close();
  await target?.close();
  if (userDataDirectory !== undefined) await rm(userDataDirectory, { recursive: true, force: true });
  if (downloads !== undefined) await rm(downloads, { recursive: true, force: true });
}, 60_000);

async function openAccounts(origin: string): Promise<void> {
  await page.goto(`${origin}/console`);
  const field = page.getByLabel('Admin token or console password');
  if (await field.isVisible().catch(() => false)) {
    await field.fill(consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
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

    await context.clearCookies();
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
