/**
 * Debian's Chromium through playwright-core, the way every console e2e test opens it: headless,
 * no network of its own (no QUIC, sync, component updates or background fetches, so a test only
 * ever talks to the gateway it started), a fresh user-data directory per launch (no cookies or
 * storage carried between files), a 1280x800 window in US English.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.SKYPORT_CHROMIUM ?? '/usr/bin/chromium';

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Throws the install hint when Chromium is missing; called first so a test fails before it builds anything. */
export function requireChromium(): void {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (.ci/run does), or set SKYPORT_CHROMIUM.`);
}

export interface LaunchChromiumOptions {
  /** How long a locator waits before the test fails. */
  defaultTimeout: number;
  /** Left to Chromium's own default when absent. */
  colorScheme?: 'light' | 'dark';
  acceptDownloads?: boolean;
}

export interface LaunchedChromium {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its user-data directory. */
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchChromiumOptions): Promise<LaunchedChromium> {
  requireChromium();
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'skyport-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath: chromiumPath,
      headless: true,
      ...(options.acceptDownloads === undefined ? {} : { acceptDownloads: options.acceptDownloads }),
      args: chromiumFlags,
      viewport: { width: 1280, height: 800 },
      ...(options.colorScheme === undefined ? {} : { colorScheme: options.colorScheme }),
      locale: 'en-US',
    });
  } catch (error) {
    await rm(userDataDirectory, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.defaultTimeout);
  return {
    context,
    page,
    async close() {
      try {
        await context.close();
      } finally {
        await rm(userDataDirectory, { recursive: true, force: true });
      }
    },
  };
}
