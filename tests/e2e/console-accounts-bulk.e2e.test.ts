/**
 * End to end: the Accounts page with 200 accounts in a real Chromium (playwright-core + Debian's
 * chromium) against the real gateway and a fake Google that minted every account: search,
 * filter, select a page, disable it in bulk (checked on the server), and no sideways scroll at
 * phone width.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { signInToConsole } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const consolePassword = 'console-accounts-e2e-password';
const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots');
const accountCount = 200;

let world: TestGateway;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];

const emailOf = (i: number) => `acct${String(i).padStart(3, '0')}@team.dev`;

beforeAll(async () => {
  requireChromium();
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  await mkdir(screenshotDirectory, { recursive: true });
  // Each account is added the real way (token refresh, loadCodeAssist, quota read against the fake).
  world = await startTestGateway({
    accounts: Array.from({ length: accountCount }, (_, i) =>
      testAccount({
        email: emailOf(i),
        tier: i % 2 === 0 ? 'g1-pro-tier' : 'free-tier',
        quotas: { 'gemini-3-flash': { remainingFraction: (accountCount - i) / accountCount } },
      }),
    ),
    settings: { 'proxy.admin_password': consolePassword },
  });
  browser = await launchChromium({ defaultTimeout: 20_000, colorScheme: 'light' });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
}, 60_000);

const count = () => page.getByTestId('accounts-count');

describe('console: the Accounts page with 200 accounts', { timeout: 180_000 }, () => {
  it('searches, filters, selects a page and disables it in one bulk call', async () => {
    await signInToConsole(page, world.origin, consolePassword);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();

    await expect.poll(() => count().textContent()).toBe('200 accounts');
    // One page of 50, not 200 rows.
    expect(await page.locator('tbody > tr').count()).toBe(50);
    await expect.poll(() => page.getByTestId('accounts-page-range').textContent()).toBe('1–50 of 200');

    await page.getByTestId('accounts-search').fill('acct01');
    await expect.poll(() => count().textContent()).toBe('10 of 200 accounts match');
    expect(await page.locator('tbody > tr').count()).toBe(10);
    await page.getByTestId('accounts-search').fill('');

    await page.getByTestId('accounts-filter-tier').selectOption('paid');
    await expect.poll(() => count().textContent()).toBe('100 of 200 accounts match');
    // Lowest flash quota first: the last paid account added has the least left.
    await page.getByTestId('accounts-sort').selectOption('gemini-3-flash');
    await expect.poll(() => page.locator('tbody > tr').first().getAttribute('data-testid')).toBe(`account-${emailOf(198)}`);

    await page.getByTestId('accounts-select-page').check();
    await expect.poll(() => page.getByTestId('accounts-bulk-bar').getByText('Selected: 50').isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshotDirectory, 'accounts-bulk.png'), animations: 'disabled', caret: 'hide' });
    await page.getByTestId('accounts-bulk-bar').getByRole('button', { name: 'Disable', exact: true }).click();

    // On the server: exactly the 50 paid accounts with the least flash quota (198, 196, …, 100).
    const expected = Array.from({ length: 50 }, (_, k) => emailOf(198 - 2 * k)).sort();
    await expect
      .poll(() =>
        world.gateway.accountStore
          .list()
          .filter((account) => account.status === 'disabled')
          .map((account) => account.email)
          .sort(),
      )
      .toEqual(expected);

    await page.getByTestId('accounts-filter-tier').selectOption('all');
    await page.getByTestId('accounts-filter-status').selectOption('disabled');
    await expect.poll(() => count().textContent()).toBe('50 of 200 accounts match');
    expect(pageErrors).toEqual([]);
  });

  it('has no horizontal scroll at 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('accounts-filter-status').selectOption('all');
    await page.getByTestId('accounts-select-page').check();
    await page.getByTestId('accounts-bulk-bar').waitFor();
    await page.waitForTimeout(300);
    // A string, so this file needs no DOM types (it is type-checked with the Node code).
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    await page.screenshot({ path: join(screenshotDirectory, 'accounts-bulk-390.png'), animations: 'disabled', caret: 'hide' });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
