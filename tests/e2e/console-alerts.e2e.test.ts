/**
 * End to end in a real Chromium: quota protection set in the console, the threshold drawn on the
 * quota bars, "Warm up now", and the gateway's alerts arriving as banners (stacked, dismissable)
 * while the pool changes under the console: an account falls below the threshold when its quota
 * is read, another is refused by Google on a real API call.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionDeniedError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { signInToConsole } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const consolePassword = 'console-alerts-password';
const inOneHour = () => new Date(Date.now() + 60 * 60_000 + 30_000).toISOString();
const ada = testAccount({ email: 'ada@example.com', quotas: { 'gemini-3-flash': { remainingFraction: 0.6, resetTime: inOneHour() } } });
const linus = testAccount({ email: 'linus@example.com', quotas: { 'gemini-3-flash': { remainingFraction: 0.9, resetTime: inOneHour() } } });

let world: TestGateway;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  world = await startTestGateway({ accounts: [ada, linus], settings: { 'proxy.admin_password': consolePassword } });
  await world.gateway.refreshQuotas();
  browser = await launchChromium({ defaultTimeout: 15_000 });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('console: quota protection, warm-up and alerts', { timeout: 120_000 }, () => {
  it('sets protection in API Proxy and the Accounts page draws the threshold on the quota bars', async () => {
    await signInToConsole(page, world.origin, consolePassword);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'API Proxy' }).click();
    const form = page.getByRole('form', { name: 'Quota protection and warm-up' });
    await form.getByLabel('Protection threshold (%)').fill('150');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Enter a whole number from 0 to 99.').waitFor();
    await form.getByLabel('Protection threshold (%)').fill('20');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => world.gateway.settings().accounts.quota_protection_percent).toBe(20);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }).click();
    const row = page.getByTestId('account-ada@example.com');
    const bar = row.getByRole('progressbar', { name: 'Gemini 3 Flash' });
    await expect.poll(() => bar.getAttribute('aria-valuetext')).toBe('60%, protection threshold 20%');
    expect(await bar.getByTestId('quota-threshold').evaluate((element) => (element as unknown as { style: { left: string } }).style.left)).toBe('20%');
  });

  it('"Warm up" on an account sends one small request per model family and says so', async () => {
    const before = world.fake.requestsTo('streamGenerateContent').length;
    await page.getByRole('button', { name: 'Warm up linus@example.com' }).click();
    await page.getByText(/Warm-up: \d+ warmed, 0 skipped, 0 failed\./).waitFor();
    const calls = world.fake.requestsTo('streamGenerateContent').slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.account === 'linus@example.com')).toBe(true);
  });

  it('shows alerts as stacked banners as the pool changes, until each is dismissed', async () => {
    // ada's quota drops below the threshold; the console's own refresh reads it.
    world.fake.addAccount({ ...ada, quotas: { 'gemini-3-flash': { remainingFraction: 0.05, resetTime: inOneHour() } } });
    await page.getByRole('button', { name: 'Refresh quotas of ada@example.com' }).click();
    const banners = page.getByRole('region', { name: 'Alerts' });
    await banners.getByText(/ada@example.com has 5% of Gemini 3 Flash left, below the 20% quota protection threshold/).waitFor();

    // Google refuses linus on a real call: linus leaves the pool, and nothing serves gemini-3-flash any more.
    world.fake.enqueue(permissionDeniedError(), 'linus@example.com');
    await new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 }).chat.completions
      .create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hello' }] })
      .catch(() => undefined);
    await banners.getByText(/linus@example.com left the pool/).waitFor();
    await banners.getByText(/Every account is resting for gemini-3-flash/).waitFor();
    expect(await banners.getByRole('button', { name: 'Dismiss alert' }).count()).toBe(3);
    // Newest first; the refusal is an error, announced as such.
    expect(await banners.getByRole('alert').innerText()).toContain('linus@example.com left the pool');

    await banners.getByRole('alert').getByRole('button', { name: 'Dismiss alert' }).click();
    await expect.poll(() => banners.getByRole('button', { name: 'Dismiss alert' }).count()).toBe(2);
    await banners.getByRole('button', { name: 'Dismiss alert' }).first().click();
    await banners.getByRole('button', { name: 'Dismiss alert' }).first().click();
    await expect.poll(() => page.getByRole('region', { name: 'Alerts' }).count()).toBe(0);
    await page.screenshot({ path: join(repositoryRoot, 'test-results', 'console-alerts.png') });
  });

  it('raised no script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
