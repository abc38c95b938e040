/**
 * The Antigravity version Skyport presents upstream (`upstream.client_version`,
 * `SKYPORT_CLIENT_VERSION`). Google checks it: a stale one gets "This version of Antigravity is no
 * longer supported" (UPSTREAM-PROTOCOL.md §3, ANCHOR-ANTIGRAVITY-MANAGER.md §8.2).
 *
 * An explicit `X.Y.Z` is used as given. `auto` reads the current release from Antigravity's own
 * auto-updater feed (the source Antigravity Manager reads; it answers plain text such as
 * "Auto updater is running. Stable Version: 1.15.8-5724687216017408"), keeps it for a day in
 * memory and in the data dir, and never goes below the built-in version: a feed that is down,
 * slow or answers garbage leaves the built-in version in force with one warning, and requests
 * never wait for the feed.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/write-file-atomic.js';

/**
 * Built-in version, also the floor under `auto`: a release public Antigravity clients presented
 * in the second half of 2026 (the reference's sources name 1.18.3 as a fallback; Antigravity
 * Manager keeps such a floor "to avoid upstream model rejection"). Raise it with each release.
 */
export const builtInClientVersion = '1.23.2';
/** Antigravity's auto-updater service (Antigravity Manager `constants.rs` `VERSION_URL`). */
export const antigravityReleaseFeedUrl = 'https://antigravity-auto-updater-974169037036.us-central1.run.app';

const dayMs = 24 * 60 * 60 * 1000;
const defaultFeedTimeoutMs = 3000;
const versionPattern = /\b(\d{1,4})\.(\d{1,4})\.(\d{1,6})\b/;

/** The first `X.Y.Z` in the feed's text (`1.15.8-5724687216017408` gives 1.15.8); undefined when none. */
export function parseFeedVersion(text: string): string | undefined {
  const match = versionPattern.exec(text);
  return match === null ? undefined : `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b` (dotted numbers). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export interface ClientVersionSettings {
  client_version: string;
  client_version_feed_url: string;
}

export interface ClientVersionResolverOptions {
  settings: () => ClientVersionSettings;
  /** GET the feed's text; rejects on HTTP errors. The signal fires after `feedTimeoutMs`. */
  fetchText: (url: string, signal: AbortSignal) => Promise<string>;
  /** Where the day's answer is kept across restarts (`<data dir>/client-version.json`); none = memory only. */
  cacheFile?: string;
  logger: { warn(message: string): void; info?(message: string): void };
  now?: () => number;
  feedTimeoutMs?: number;
  /** Built-in version and floor; tests may lower it. */
  floor?: string;
}

export interface ClientVersionResolver {
  /** The version to present now. Never waits: with `auto` it starts a feed read when the day's answer is stale. */
  current(): string;
  /** Read the feed now if `auto` and the answer is stale (at most one read at a time); resolves when done. */
  refresh(): Promise<void>;
  /** Where the version in force came from. */
  source(): 'setting' | 'feed' | 'built-in';
}

interface CachedAnswer {
  version: string;
  fetchedAt: number;
}

export function createClientVersionResolver(options: ClientVersionResolverOptions): ClientVersionResolver {
  const now = options.now ?? Date.now;
  const floor = options.floor ?? builtInClientVersion;
  const timeoutMs = options.feedTimeoutMs ?? defaultFeedTimeoutMs;
  let cached: (CachedAnswer & { feedUrl: string }) | undefined;
  // After a failed read: no new attempt before this time (the floor serves meanwhile).
  let retryAfter = 0;
  let warned = false;
  let inFlight: Promise<void> | undefined;
  let loadedFromDisk = options.cacheFile === undefined;

  const atLeastFloor = (version: string) => (compareVersions(version, floor) < 0 ? floor : version);

  async function loadCache(feedUrl: string): Promise<void> {
    if (loadedFromDisk || options.cacheFile === undefined) return;
    loadedFromDisk = true;
    try {
      const stored = JSON.parse(await readFile(options.cacheFile, 'utf8')) as Partial<CachedAnswer & { feedUrl: string }>;
      if (typeof stored.version === 'string' && parseFeedVersion(stored.version) === stored.version && typeof stored.fetchedAt === 'number' && stored.feedUrl === feedUrl) {
        cached = { version: stored.version, fetchedAt: stored.fetchedAt, feedUrl };
      }
    } catch {
      // No cache yet, or an unreadable one: the feed is read again.
    }
  }

  async function readFeed(feedUrl: string): Promise<void> {
    await loadCache(feedUrl);
    if (cached !== undefined && cached.feedUrl === feedUrl && now() - cached.fetchedAt < dayMs) return;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
    try {
      const text = await Promise.race([
        options.fetchText(feedUrl, controller.signal),
        new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true })),
      ]);
      const version = parseFeedVersion(text.slice(0, 10_000));
      if (version === undefined) throw new Error('the answer names no version');
      cached = { version: atLeastFloor(version), fetchedAt: now(), feedUrl };
      warned = false;
      if (options.cacheFile !== undefined) {
        await writeFileAtomic(options.cacheFile, `${JSON.stringify({ version: cached.version, fetchedAt: cached.fetchedAt, feedUrl })}\n`).catch((error: unknown) => {
          options.logger.warn(`Could not keep the Antigravity version for a day: ${(error as Error).message}`);
        });
      }
    } catch (error) {
      // Try again in an hour, not on every request; the floor serves meanwhile.
      retryAfter = now() + 60 * 60 * 1000;
      if (!warned) {
        warned = true;
        options.logger.warn(
          `Could not read the current Antigravity version from ${feedUrl} (${(error as Error).message}); presenting ${cached?.version ?? floor}. Set upstream.client_version to a version to stop reading the feed.`,
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function refresh(): Promise<void> {
    const settings = options.settings();
    if (settings.client_version !== 'auto') return Promise.resolve();
    inFlight ??= readFeed(settings.client_version_feed_url).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function usableCache(feedUrl: string): CachedAnswer | undefined {
    return cached !== undefined && cached.feedUrl === feedUrl ? cached : undefined;
  }

  return {
    current() {
      const settings = options.settings();
      if (settings.client_version !== 'auto') return settings.client_version;
      const answer = usableCache(settings.client_version_feed_url);
      const stale = answer === undefined || now() - answer.fetchedAt >= dayMs;
      if (stale && inFlight === undefined && now() >= retryAfter) void refresh();
      // A day-old answer still beats the floor until the new one arrives.
      return answer?.version ?? floor;
    },
    refresh,
    source() {
      const settings = options.settings();
      if (settings.client_version !== 'auto') return 'setting';
      return usableCache(settings.client_version_feed_url) === undefined ? 'built-in' : 'feed';
    },
  };
}
