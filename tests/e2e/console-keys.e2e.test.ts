/**
 * End to end: the console's Named API keys card in a real Chromium (playwright-core + Debian's
 * chromium) against the real gateway: a key made in the browser works for the OpenAI SDK and is
 * named in the request log, its secret is shown once, the list shows its rules, and Disable
 * refuses it at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from '../integration/start-test-gateway.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { signInToConsole } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const consolePassword = 'console-keys-e2e-password';
const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots');

let world: TestGateway;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  world = await startTestGateway({
    accounts: [testAccount({ email: 'keys-e2e@example.com' })],
    settings: { 'proxy.admin_password': consolePassword, 'proxy.auth_mode': 'strict' },
  });
  browser = await launchChromium({ defaultTimeout: 15_000, colorScheme: 'light' });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
}, 60_000);

describe('console: named API keys', { timeout: 120_000 }, () => {
  it('creates a key whose secret is shown once, lists it with its rules, and disables it', async () => {
    await signInToConsole(page, world.origin, consolePassword);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'API Proxy' }).click();
    await page.getByRole('heading', { level: 1, name: 'API Proxy' }).waitFor();
    await page.getByText('No named keys yet.').waitFor();

    await page.getByRole('button', { name: 'Create key' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('ci-bot');
    await form.getByLabel('Allowed models (optional)').fill('gemini-*');
    await form.getByLabel('Requests per minute (optional)').fill('60');
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Key "ci-bot": copy it now' });
    const secret = (await shown.getByTestId('new-key-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^skp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await shown.getByRole('button', { name: 'Copy key' }).waitFor();

    // The secret works for a client, and the request log names the key.
    const client = new OpenAI({ baseURL: world.baseUrl, apiKey: secret, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
    await expect.poll(() => world.gateway.monitor.queryLogs({}).items.map((item) => item.client_key)).toEqual(['ci-bot']);

    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    // Shown once: nowhere on the page any more, not even after a reload.
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    const row = page.getByTestId('key-ci-bot');
    await row.getByText('Active').waitFor();
    await row.getByText('gemini-*').waitFor();
    await row.getByText('60 requests/min').waitFor();
    expect(await page.content()).not.toContain(secret);
    await row.scrollIntoViewIfNeeded();
    await mkdir(screenshotDirectory, { recursive: true });
    await page.screenshot({ path: join(screenshotDirectory, 'api-keys.png'), animations: 'disabled', caret: 'hide' });

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    // Disabling keeps the key's rules.
    await row.getByText('gemini-*').waitFor();
    await row.getByText('60 requests/min').waitFor();
    const refused = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((refused as Error).message).toContain('API key "ci-bot" is disabled.');
    expect(pageErrors).toEqual([]);
  });
});
