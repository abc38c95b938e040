/**
 * End to end: the web console in a real Chromium (playwright-core + Debian's chromium) against the
 * real gateway and admin API (in process, a fake Google behind it), with the OpenAI SDK as the
 * client whose requests must follow what the user does in the console. Each page is
 * photographed to test-results/screenshots/ (and, with SKYPORT_UPDATE_SCREENSHOTS=1, copied to
 * docs/screenshots/ for the README).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';
import { freePort } from '../support/free-port.js';
import { takeConsoleScreenshot } from './support/take-console-screenshot.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { submitConsoleSignIn } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots');
const docsScreenshotDirectory = join(repositoryRoot, 'docs', 'screenshots');
const consolePassword = 'console-e2e-password';
const inOneHour = () => new Date(Date.now() + 60 * 60_000 + 30_000).toISOString();

let world: TestGateway;
/** Where the gateway (and console) listens now: the port test moves it. */
let origin: string;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];
const screenshots: string[] = [];

function openai(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: world.apiKey, maxRetries: 0, timeout: 20_000 });
}

function ask(client: OpenAI, model: string) {
  return client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello from the console test' }] }).withResponse();
}

async function snap(name: string): Promise<void> {
  const path = join(screenshotDirectory, `${name}.png`);
  await takeConsoleScreenshot(page, path);
  screenshots.push(path);
}

async function go(hashPage: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: heading }).click();
  await page.waitForURL(new RegExp(`#/${hashPage}$`));
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

beforeAll(async () => {
  requireChromium();
  // The same step `npm run serve` takes: build the renderer when it is missing or stale.
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  await mkdir(screenshotDirectory, { recursive: true });

  world = await startTestGateway({
    accounts: [
      testAccount({
        email: 'ada@example.com',
        quotas: {
          'gemini-3-flash': { remainingFraction: 0.86, resetTime: inOneHour() },
          'gemini-3-pro-high': { remainingFraction: 0.41, resetTime: inOneHour() },
          'claude-sonnet-4-5': { remainingFraction: 0.14, resetTime: inOneHour() },
        },
      }),
      testAccount({ email: 'linus@example.com', quotas: { 'gemini-3-flash': { remainingFraction: 0.62, resetTime: inOneHour() } } }),
    ],
    settings: { 'proxy.admin_password': consolePassword },
  });

  origin = world.origin;
  browser = await launchChromium({ defaultTimeout: 15_000, colorScheme: 'light' });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|net::ERR/.test(message.text())) pageErrors.push(message.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
  if (process.env.SKYPORT_UPDATE_SCREENSHOTS === '1' && screenshots.length > 0) {
    await mkdir(docsScreenshotDirectory, { recursive: true });
    for (const path of screenshots) await copyFile(path, join(docsScreenshotDirectory, path.slice(screenshotDirectory.length + 1)));
  }
}, 60_000);

describe('web console', { timeout: 120_000 }, () => {
  it('serves /console with a login; a wrong password is refused, the right one opens the dashboard', async () => {
    const response = await page.goto(`${world.origin}/console`);
    expect(page.url()).toBe(`${world.origin}/console/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await snap('login');

    // Where the credential comes from, on the page itself.
    await page.getByText('npm run skyport -- console-login', { exact: false }).waitFor();
    await submitConsoleSignIn(page, 'not-the-password');
    await page.getByText('That token or password is not right (the API key does not open the console).').waitFor();
    // The API key serves the AI routes only.
    await submitConsoleSignIn(page, world.apiKey);
    await page.getByText('That token or password is not right (the API key does not open the console).').waitFor();
    await submitConsoleSignIn(page, consolePassword);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByTestId('base-url').getByText(`${world.origin}/v1`).waitFor();
  });

  it('a port change moves the console: it says where, goes there, and the new port serves', async () => {
    const oldOrigin = origin;
    const port = await freePort();
    await go('proxy', 'API Proxy');
    const form = page.getByRole('form', { name: 'Connection' });
    await form.getByLabel('Port', { exact: true }).fill(String(port));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `Skyport now listens on port ${port}` }).waitFor();
    expect(await page.getByTestId('relocation-link').getAttribute('href')).toBe(`http://127.0.0.1:${port}/console/`);
    await page.waitForURL(`http://127.0.0.1:${port}/console/`, { timeout: 15_000 });

    await submitConsoleSignIn(page, consolePassword);
    origin = `http://127.0.0.1:${port}`;
    await page.getByTestId('base-url').getByText(`${origin}/v1`).waitFor();
    const { data } = await ask(openai(`${origin}/v1`), 'gemini-3-flash');
    expect(data.choices[0]?.message.content ?? '').not.toBe('');
    await expect(fetch(`${oldOrigin}/healthz`)).rejects.toThrow();

    // From here on the settings and the listener agree on the port: the dashboard photographs well.
    await page.getByRole('region', { name: 'Lowest quotas' }).getByRole('progressbar').first().waitFor();
    await snap('dashboard');
  });

  it('stop and start from the console: a request fails with 503, then succeeds', async () => {
    await go('proxy', 'API Proxy');
    const client = openai(`${origin}/v1`);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByText(/AI requests are refused \(503\)/).waitFor();
    const refused = await ask(client, 'gemini-3-flash').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(503);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    const { data } = await ask(client, 'gemini-3-flash');
    expect(data.choices[0]?.message.content ?? '').not.toBe('');
  });

  it('a wildcard rule added in the editor maps a real API call (X-Mapped-Model)', async () => {
    const form = page.getByRole('form', { name: 'Add rule' });
    await form.getByLabel('Client model name').fill('e2e-team-*');
    await form.getByLabel('Upstream model').fill('gemini-3-pro-high');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('table', { name: 'Model mapping' }).getByText('e2e-team-*').waitFor();

    await page.getByLabel('Try a model name').fill('e2e-team-fast');
    await page.getByTestId('mapping-preview').getByText('Matched the wildcard rule e2e-team-*.').waitFor();

    const { response } = await ask(openai(`${origin}/v1`), 'e2e-team-fast');
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-pro-high');

    await page.evaluate('window.scrollTo(0, 0)');
    await snap('api-proxy');
    await page.getByRole('region', { name: 'Model mapping' }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await snap('api-proxy-mapping');
  });

  it('adds an account by refresh token and lists it with its quotas', async () => {
    world.fake.addAccount({
      email: 'grace@example.com',
      refreshToken: '1//e2e-grace-refresh-token',
      projectId: 'project-grace',
      tier: 'standard-tier',
      quotas: {
        'gemini-3-flash': { remainingFraction: 0.35, resetTime: inOneHour() },
        'claude-sonnet-4-5': { remainingFraction: 0.07, resetTime: inOneHour() },
      },
    });
    await go('accounts', 'Accounts');
    await page.getByTestId('account-ada@example.com').waitFor();
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add accounts' });
    await snap('accounts-add-dialog');
    await dialog.getByRole('tab', { name: 'Refresh tokens' }).click();
    await dialog.getByRole('textbox', { name: 'Refresh tokens' }).fill('1//e2e-grace-refresh-token');
    await dialog.getByRole('button', { name: 'Add accounts' }).click();
    await dialog.getByText('1 of 1 added.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = page.getByTestId('account-grace@example.com');
    await row.waitFor();
    // Quotas as Google reported them for the new account: the models this gateway served so far
    // (gemini-3-flash among them) first, the rest (claude-sonnet-4-5, not used yet) behind "Show all".
    await row.getByRole('progressbar').first().waitFor();
    const featured = await row.getByRole('progressbar').evaluateAll((bars) => bars.map((bar) => `${bar.getAttribute('aria-label')} ${bar.getAttribute('aria-valuenow')}`));
    expect(featured).toContain('Gemini 3 Flash 35');
    expect(featured).not.toContain('Claude Sonnet 4.5 7');
    await row.getByRole('button', { name: /^Show all \d+ models$/ }).click();
    const all = await row.getByRole('progressbar').evaluateAll((bars) => bars.map((bar) => `${bar.getAttribute('aria-label')} ${bar.getAttribute('aria-valuenow')}`));
    expect(all.slice(0, featured.length)).toEqual(featured);
    expect(all[featured.length]).toBe('Claude Sonnet 4.5 7');
    await row.getByRole('button', { name: 'Show fewer' }).click();
    await page.evaluate('window.scrollTo(0, 0)');
    await snap('accounts');
  });

  it('settings: shows the data directory; the page photographs in light theme', async () => {
    await go('settings', 'Settings');
    await page.getByTestId('data-dir').getByText(world.dataDir).waitFor();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await snap('settings');
  });

  it('monitor: a request made now shows up live with model, mapped model, account, status and tokens; its drawer shows the attempts', async () => {
    await go('monitor', 'Monitor');
    const table = page.getByRole('table', { name: 'Requests, newest first' });
    await table.waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    // The console's own pages and assets are not AI calls: none of them is in the log.
    expect(await table.getByText(/^\/console/).count()).toBe(0);

    // Traffic of every kind while the page watches: a stream, an Anthropic call, and a request
    // whose first account is rate limited, so the gateway moves it to another one.
    const client = openai(`${origin}/v1`);
    for await (const chunk of await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Stream, please' }], stream: true })) void chunk;
    const anthropic = await fetch(`${origin}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': world.apiKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello from the console test' }] }),
    });
    expect(anthropic.status).toBe(200);
    world.fake.enqueue(rateLimitError({ retryDelay: '30s' }), 'ada@example.com');
    await world.gateway.control.setPreferredAccount({ email: 'ada@example.com' });
    let answer: Awaited<ReturnType<typeof ask>>;
    try {
      answer = await ask(client, 'gpt-4o');
    } finally {
      await world.gateway.control.setPreferredAccount({ email: '' });
    }
    const { data, response } = answer;
    const id = response.headers.get('x-request-id') ?? '';
    const mapped = response.headers.get('x-mapped-model') ?? '';
    const account = response.headers.get('x-account-email') ?? '';
    expect(id).not.toBe('');
    expect(mapped).toMatch(/^gemini-/);
    expect(account).not.toBe('ada@example.com');

    // It arrives on the page by itself (the `log` event), at the top.
    const row = page.getByTestId(`log-row-${id}`);
    await row.waitFor();
    expect(await table.locator('tbody tr').first().getAttribute('data-testid')).toBe(`log-row-${id}`);
    const cells = await row.locator('td').allInnerTexts();
    // Answered on the second attempt (the first account was rate limited): the row says so.
    expect(cells[1]).toBe('200\n2 attempts');
    expect(cells[2]).toBe('openai');
    expect(cells[3]).toContain('/v1/chat/completions');
    expect(cells[4]).toContain('gpt-4o');
    expect(cells[4]).toContain(`→ ${mapped}`);
    expect(cells[5]).toBe(account);
    expect(cells[6]).toContain(`${data.usage?.prompt_tokens} / ${data.usage?.completion_tokens}`);
    await page.waitForTimeout(1700);
    await snap('monitor');

    await row.getByRole('button', { name: /^Details of the request at/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Request details' });
    const attempts = drawer.getByRole('list', { name: 'Attempts' });
    await attempts.waitFor();
    const steps = attempts.locator(':scope > li');
    expect(await steps.count()).toBe(2);
    expect(await steps.nth(0).innerText()).toMatch(/Attempt 1\s+ada@example\.com\s+Failed · 429/);
    expect(await steps.nth(0).innerText()).toContain('Retry rule:');
    expect(await steps.nth(1).innerText()).toMatch(new RegExp(`Attempt 2\\s+${account.replaceAll('.', '\\.')}\\s+Answered\\b`));
    await drawer.getByText(id, { exact: true }).waitFor();
    // The picture shows the timeline: how the request went through the pool.
    await drawer.getByRole('region', { name: 'Tokens and timing' }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await snap('monitor-detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    for (const email of ['ada@example.com', 'linus@example.com', 'grace@example.com']) await world.gateway.accountStore.update(email, { cooldowns: {} });
  });

  it('usage: the totals, charts and quota burn table count that traffic', async () => {
    const expected = await world.gateway.control.getUsage({ group: 'model', bucket: 'hour' });
    expect(expected.totals.requests).toBeGreaterThanOrEqual(4);
    await go('usage', 'Usage');
    const totals = page.getByLabel('Totals for the window');
    await totals.waitFor();
    await totals.getByText(String(expected.totals.requests), { exact: true }).waitFor();
    await page.getByRole('figure', { name: 'Tokens over time, By model' }).locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByRole('figure', { name: 'Tokens over time, By model' }).getByText('gpt-4o').count()).toBeGreaterThan(0);
    await page.getByRole('figure', { name: 'Tokens over time, By account' }).waitFor();
    const burn = page.getByRole('table', { name: 'Quota burn by account' });
    const ada = burn.getByTestId('burn-ada@example.com');
    await ada.waitFor();
    expect(await ada.getByRole('progressbar').count()).toBeGreaterThanOrEqual(3);
    await snap('usage');
  });

  it("console-login's one-click link signs a new tab in and takes the token out of the address bar", async () => {
    const tab = await browser.context.newPage();
    try {
      tab.on('pageerror', (error) => pageErrors.push(error.message));
      await tab.goto(`${origin}/console/#token=${encodeURIComponent(world.adminToken)}`);
      await tab.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(tab.url()).toBe(`${origin}/console/`);
      expect(tab.url()).not.toContain(world.adminToken);
    } finally {
      await tab.close();
    }
  });

  it('raised no script error and no CSP violation on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
