/**
 * End to end: the web console never shows a state that is not the real one, and fits the screen.
 * A real `skyport serve --port N` process (the bundle `npm run serve` runs, against the fake
 * Google) and the console in a real Chromium: the process is killed and started again, the
 * window is phone-sized and desktop-sized, the clipboard is read back. Narrow screenshots go to
 * test-results/screenshots/ (and, with SKYPORT_UPDATE_SCREENSHOTS=1, to docs/screenshots/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../scripts/bundle-node-entry.mjs';
import type { FakeGoogle } from '../fakes/fake-google.js';
import { startTestGateway, testAccount } from '../integration/start-test-gateway.js';
import { freePort } from '../support/free-port.js';
import { takeConsoleScreenshot } from './support/take-console-screenshot.js';
import { launchChromium, requireChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { signInToConsole } from './support/sign-in-to-console.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDirectory = join(repositoryRoot, 'test-results', 'screenshots');
const docsScreenshotDirectory = join(repositoryRoot, 'docs', 'screenshots');
/** Its own bundle: other suites rebuild out/cli/skyport.mjs while this one runs it. */
const cliBundle = 'test-results/console-truth/skyport.mjs';
const consolePassword = 'truth-e2e-Console-Password-7431';
const inOneHour = () => new Date(Date.now() + 60 * 60_000 + 30_000).toISOString();

const pages = [
  { hash: 'dashboard', heading: 'Dashboard' },
  { hash: 'proxy', heading: 'API Proxy' },
  { hash: 'accounts', heading: 'Accounts' },
  { hash: 'monitor', heading: 'Monitor' },
  { hash: 'usage', heading: 'Usage' },
  { hash: 'settings', heading: 'Settings' },
] as const;

let fake: FakeGoogle;
let dataDir: string;
let environment: Record<string, string>;
let apiKey: string;
let port: number;
let origin: string;
let server: ChildProcess | undefined;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];
const screenshots: string[] = [];

/** `skyport serve --port <port>` as a user starts it; resolves once it prints its address. */
async function startServer(): Promise<void> {
  const child = spawn(process.execPath, ['--enable-source-maps', cliBundle, 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Skyport is serving http:\/\/\S+\/v1/.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });
}

/** Gone at once, as after a crash or a kill: no drain, no goodbye on the event stream. */
async function killServer(): Promise<void> {
  const child = server;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  server = undefined;
}

async function snap(name: string): Promise<void> {
  const path = join(screenshotDirectory, `${name}.png`);
  await takeConsoleScreenshot(page, path);
  screenshots.push(path);
}

async function go(hash: string, heading: string): Promise<void> {
  // Page scripts are strings: this file is type-checked for Node, without the DOM's globals.
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/${hash}`)}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** How far the page reaches past the window's right edge (0 = it fits), and the outermost elements that do. */
const measureOverflow = `(() => {
  const width = window.innerWidth;
  const culprits = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    // Nothing inside a box that scrolls (or clips) on its own and itself fits.
    let contained = false;
    for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && parent.getBoundingClientRect().right <= width + 0.5) {
        contained = true;
        break;
      }
    }
    if (!contained) culprits.push(element.tagName.toLowerCase() + '.' + [...element.classList].join('.') + ' right=' + Math.round(box.right));
  }
  return { overflow: document.documentElement.scrollWidth - width, culprits: culprits.slice(0, 8) };
})()`;

async function horizontalOverflow(): Promise<{ overflow: number; culprits: string[] }> {
  return (await page.evaluate(measureOverflow)) as { overflow: number; culprits: string[] };
}

const readClipboard = async (): Promise<string> => String(await page.evaluate('navigator.clipboard.readText()'));

beforeAll(async () => {
  requireChromium();
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'ensure-renderer-build.mjs')], { cwd: repositoryRoot, stdio: 'inherit' });
  await mkdir(screenshotDirectory, { recursive: true });
  await bundleNodeEntry('proxy-core/headless/cli.ts', cliBundle);

  // Accounts and settings prepared through the real sign-in path, then served by a separate process.
  const world = await startTestGateway({
    accounts: [
      testAccount({
        email: 'ada.lovelace.analytical-engine@example.com',
        quotas: {
          'gemini-3-flash': { remainingFraction: 0.86, resetTime: inOneHour() },
          'gemini-3-pro-high': { remainingFraction: 0.41, resetTime: inOneHour() },
          'gemini-3-pro-low': { remainingFraction: 0.4, resetTime: inOneHour() },
          'gemini-2.5-flash': { remainingFraction: 0.93, resetTime: inOneHour() },
          'gemini-2.5-flash-lite': { remainingFraction: 0.95, resetTime: inOneHour() },
          'claude-sonnet-4-5': { remainingFraction: 0.14, resetTime: inOneHour() },
          'claude-sonnet-4-5-thinking': { remainingFraction: 0.12, resetTime: inOneHour() },
          'gemini-3-pro-image': { remainingFraction: 0.7, resetTime: inOneHour() },
        },
      }),
      testAccount({ email: 'linus@example.com', quotas: { 'gemini-3-flash': { remainingFraction: 0, resetTime: inOneHour() }, 'claude-sonnet-4-5': { remainingFraction: 0, resetTime: inOneHour() } } }),
    ],
    settings: { 'proxy.admin_password': consolePassword, 'proxy.custom_mapping': { 'truth-team-*': 'gemini-3-pro-image-16x9' } },
  });
  fake = world.fake;
  dataDir = world.dataDir;
  apiKey = world.apiKey;
  environment = {
    SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl,
    SKYPORT_OAUTH_AUTHORIZE_URL: `${fake.origin}/o/oauth2/v2/auth`,
    SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl,
    SKYPORT_USERINFO_URL: fake.userinfoUrl,
  };
  await world.gateway.close();
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  await startServer();

  browser = await launchChromium({ defaultTimeout: 15_000, colorScheme: 'light' });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|net::ERR|Failed to fetch/.test(message.text())) pageErrors.push(message.text());
  });
  await signInToConsole(page, origin, consolePassword);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await killServer();
  await fake?.close();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  if (process.env.SKYPORT_UPDATE_SCREENSHOTS === '1' && screenshots.length > 0) {
    await mkdir(docsScreenshotDirectory, { recursive: true });
    for (const path of screenshots) await copyFile(path, join(docsScreenshotDirectory, path.slice(screenshotDirectory.length + 1)));
  }
}, 60_000);

describe('the console tells the truth', { timeout: 120_000 }, () => {
  it('some traffic first: AI requests, a lookup and a wrong path', async () => {
    const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Hello' }] });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    await client.models.list();
    const wrong = await fetch(`${origin}/v1/chat/completions/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrong.status).toBe(404);
  });

  it('API Proxy shows the port in use from serve --port, and the saved setting beside it', async () => {
    await go('proxy', 'API Proxy');
    const note = page.getByTestId('listener-in-use');
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toContain(`port ${port}, from the command line (serve --port ${port})`);
    expect(text).toContain('port 8045');
    await page.getByTestId('base-url').getByText(`${origin}/v1`).waitFor();
  });

  it('"Try a model name" says what POST /v1/models/detect says: image suffixes, -online, wildcards, defaults', async () => {
    await go('proxy', 'API Proxy');
    const names = ['gemini-3-pro-image-16x9', 'gemini-3-pro-image-4k', 'gemini-3-flash-online', 'truth-team-poster', 'gpt-4o', 'claude-haiku-4-5-20251001', 'gemini-3-pro-high', 'no-such-model'];
    const box = page.getByLabel('Try a model name');
    const preview = page.getByTestId('mapping-preview');
    for (const name of names) {
      const response = await fetch(`${origin}/v1/models/detect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: name }) });
      const detect = (await response.json()) as { mapped_model: string; type: 'agent' | 'image_gen'; features: { has_web_search: boolean }; config?: { aspectRatio?: string; imageSize?: string } };
      await box.fill(name);
      await expect.poll(() => preview.locator('.preview-result__model code').first().innerText()).toBe(name);
      expect(await preview.locator('.preview-result__target').innerText(), name).toBe(detect.mapped_model);
      expect(await preview.getByTestId('mapping-preview-type').innerText(), name).toContain(detect.type);
      const text = await preview.innerText();
      expect(text.includes('Searches the web'), name).toBe(detect.features.has_web_search);
      if (detect.config?.aspectRatio !== undefined) expect(text, name).toContain(`aspect ratio ${detect.config.aspectRatio}`);
      if (detect.config?.imageSize !== undefined) expect(text, name).toContain(`size ${detect.config.imageSize}`);
      if (detect.config === undefined) expect(text, name).not.toContain('Image:');
    }
  });

  it('Copy fills the clipboard with the full key and leaves the key card and every snippet masked', async () => {
    await go('proxy', 'API Proxy');
    const keyCard = page.getByTestId('api-key');
    const masked = await keyCard.innerText();
    expect(masked).not.toContain(apiKey);
    await page.getByRole('button', { name: 'Copy API key' }).click();
    await expect.poll(readClipboard).toBe(apiKey);
    expect(await keyCard.innerText()).toBe(masked);
    const tabs = page.getByRole('tablist', { name: 'Connect your tools' }).getByRole('tab');
    for (let index = 0; index < (await tabs.count()); index += 1) {
      await tabs.nth(index).click();
      await page.evaluate("navigator.clipboard.writeText('')");
      await page.locator('.snippet__header').getByRole('button', { name: /^Copy the / }).click();
      await expect.poll(readClipboard).toContain(apiKey);
      // Every snippet on screen, and the key card, still masked after each copy.
      for (const code of await page.locator('pre.snippet__code').allInnerTexts()) expect(code).not.toContain(apiKey);
      expect(await keyCard.innerText()).toBe(masked);
    }
    expect(await page.locator('body').innerText()).not.toContain(apiKey);
  });

  it('Usage counts AI requests; the switch adds lookups (model list, wrong path)', async () => {
    await go('usage', 'Usage');
    const totals = page.getByLabel('Totals for the window');
    const requests = totals.locator('.stat').first();
    const count = async () => Number((await requests.locator('.stat__value').innerText()).trim());
    // Two chat requests so far; the model list, the wrong path and the detect calls are lookups.
    await expect.poll(count).toBe(2);
    const admin = await fetch(`${origin}/api/admin/control/getUsage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${consolePassword}`, 'content-type': 'application/json' },
      body: JSON.stringify({ group: 'model', bucket: 'hour', include_lookups: true }),
    });
    const withLookups = ((await admin.json()) as { totals: { requests: number } }).totals.requests;
    expect(withLookups).toBeGreaterThanOrEqual(2 + 2 + 8);
    await page.getByRole('switch', { name: 'Include lookups' }).click();
    await expect.poll(count).toBe(withLookups);
    await page.getByRole('switch', { name: 'Include lookups' }).click();
    await expect.poll(count).toBe(2);
  });

  it('a request checked with no key says so: "not checked (auth off on loopback)"', async () => {
    await go('monitor', 'Monitor');
    const row = page.getByRole('table', { name: 'Requests, newest first' }).locator('tbody tr', { hasText: '/v1/chat/completions' }).first();
    await row.getByRole('button', { name: /^Details of the request at/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Request details' });
    await drawer.getByText('not checked (auth off on loopback)').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('the request detail names what the gateway changed to serve a request, by kind, as the admin API records it', async () => {
    const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 });
    const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
    await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Look it up' }], tools, parallel_tool_calls: false });
    await go('monitor', 'Monitor');
    const row = page.getByRole('table', { name: 'Requests, newest first' }).locator('tbody tr', { hasText: '/v1/chat/completions' }).first();
    await row.getByRole('button', { name: /^Details of the request at/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Request details' });
    const warning = drawer.locator('.detail__warning').first();
    await warning.waitFor();
    expect(await warning.getAttribute('data-code')).toBe('field_ignored');
    expect(await warning.innerText()).toMatch(/^Field ignored\s+parallel_tool_calls=false has no upstream equivalent/);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('every page fits 360 to 1440 px wide: nothing reaches past the window, the Monitor table fits at 1280', async () => {
    const report: string[] = [];
    for (const viewport of [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 1280, height: 800 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(viewport);
      for (const entry of pages) {
        await go(entry.hash, entry.heading);
        await page.getByRole('main').locator('.state--loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
        const { overflow, culprits } = await horizontalOverflow();
        if (overflow > 0) report.push(`${viewport.width}px ${entry.hash}: ${overflow}px too wide (${culprits.join(', ')})`);
        if (viewport.width >= 1280) {
          // Wide enough for every column: no table hides one behind its own scroll bar.
          const hidden = await page.locator('.table-scroll').evaluateAll((boxes) => boxes.map((box) => box.scrollWidth - box.clientWidth).filter((extra) => extra > 0));
          if (hidden.length > 0) report.push(`${viewport.width}px ${entry.hash}: a table scrolls ${hidden.join(', ')}px sideways`);
        }
      }
    }
    expect(report).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('photographs the phone-sized console (390 x 844)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await go('dashboard', 'Dashboard');
    await page.getByRole('region', { name: 'Lowest quotas' }).getByRole('progressbar').first().waitFor();
    await snap('narrow-dashboard');
    await go('accounts', 'Accounts');
    await page.locator('[data-testid^="account-"]').first().waitFor();
    await snap('narrow-accounts');
    await go('monitor', 'Monitor');
    const table = page.getByRole('table', { name: 'Requests, newest first' });
    await table.locator('tbody tr').first().waitFor();
    // The picture shows the requests as cards, not the filters above them.
    await table.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await snap('narrow-monitor');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('says "not reachable" within 5 s of the server being killed, and recovers by itself when it is back', async () => {
    await go('dashboard', 'Dashboard');
    const state = page.getByRole('navigation', { name: 'Main navigation' }).getByTestId('gateway-state');
    await state.getByText('Serving').waitFor();
    await killServer();
    const killedAt = Date.now();
    await page.getByTestId('offline-banner').getByText('Skyport is not reachable; retrying…').waitFor({ timeout: 5_000 });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    await state.getByText('Not reachable').waitFor({ timeout: 1_000 });
    await page.getByTestId('gateway-offline').waitFor({ timeout: 1_000 });
    // Nothing can be pressed while nobody answers.
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).isDisabled()).toBe(true);
    await snap('offline');

    await startServer();
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await state.getByText('Serving').waitFor();
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).isDisabled()).toBe(false);
    // Live again: a new request shows up in the Monitor by itself.
    await go('monitor', 'Monitor');
    const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'back again' }] }).withResponse();
    await page.getByTestId(`log-row-${response.headers.get('x-request-id') ?? ''}`).waitFor();
  });

  it('follows a port change made elsewhere (another console, the CLI): it says where and goes there', async () => {
    await go('dashboard', 'Dashboard');
    const moved = await freePort();
    const answer = await fetch(`${origin}/api/admin/control/updateSettings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${consolePassword}`, 'content-type': 'application/json' },
      body: JSON.stringify({ proxy: { port: moved } }),
    });
    expect(answer.status).toBe(200);
    await page.getByRole('heading', { name: `Skyport now listens on port ${moved}` }).waitFor({ timeout: 10_000 });
    await page.waitForURL(`http://127.0.0.1:${moved}/console/`, { timeout: 15_000 });
    await page.getByLabel(/console password/i).waitFor();
  });

  it('raised no script error on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
