import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareVersions, createClientVersionResolver, parseFeedVersion, type ClientVersionSettings } from './resolve-client-version.js';

const floor = '1.20.0';
const feedUrl = 'http://feed.test/';
const day = 24 * 60 * 60 * 1000;

function setup(options: { setting?: string; answers?: Array<string | Error | 'hang'>; cacheFile?: string } = {}) {
  let time = Date.parse('2026-12-07T12:00:00Z');
  const settings: ClientVersionSettings = { client_version: options.setting ?? 'auto', client_version_feed_url: feedUrl };
  const answers = [...(options.answers ?? [])];
  const fetched: string[] = [];
  const warnings: string[] = [];
  const resolver = createClientVersionResolver({
    settings: () => settings,
    fetchText: async (url, signal) => {
      fetched.push(url);
      const answer = answers.shift() ?? new Error('no scripted answer');
      if (answer === 'hang') return new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      if (answer instanceof Error) throw answer;
      return answer;
    },
    logger: { warn: (message) => warnings.push(message) },
    now: () => time,
    floor,
    feedTimeoutMs: 3000,
    ...(options.cacheFile === undefined ? {} : { cacheFile: options.cacheFile }),
  });
  return {
    resolver,
    settings,
    fetched,
    warnings,
    advance(ms: number) {
      time += ms;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseFeedVersion and compareVersions', () => {
  it("reads the version out of the auto-updater's sentence", () => {
    expect(parseFeedVersion('Auto updater is running. Stable Version: 1.15.8-5724687216017408')).toBe('1.15.8');
    expect(parseFeedVersion('1.23.2')).toBe('1.23.2');
    expect(parseFeedVersion('<html>maintenance</html>')).toBeUndefined();
    expect(parseFeedVersion('version 1.2')).toBeUndefined();
  });

  it('orders versions by number, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.18.3', '1.18.3')).toBe(0);
    expect(compareVersions('1.2.3', '1.20.0')).toBeLessThan(0);
  });
});

describe('createClientVersionResolver', () => {
  it('uses an explicit version as given and never reads the feed', async () => {
    const w = setup({ setting: '1.19.0' });
    expect(w.resolver.current()).toBe('1.19.0');
    await w.resolver.refresh();
    expect(w.fetched).toEqual([]);
    expect(w.resolver.source()).toBe('setting');
  });

  it('auto: the floor until the feed answers, then the feed version for a day, then a new read', async () => {
    const w = setup({ answers: ['Auto updater is running. Stable Version: 1.24.1-5724687216017408', 'Stable Version: 1.25.0-1'] });
    expect(w.resolver.current()).toBe(floor);
    await w.resolver.refresh();
    expect(w.resolver.current()).toBe('1.24.1');
    expect(w.resolver.source()).toBe('feed');
    w.advance(day - 1000);
    expect(w.resolver.current()).toBe('1.24.1');
    expect(w.fetched).toHaveLength(1);
    w.advance(1000);
    // Stale: the day-old answer serves while the new one is read.
    expect(w.resolver.current()).toBe('1.24.1');
    await w.resolver.refresh();
    expect(w.resolver.current()).toBe('1.25.0');
    expect(w.fetched).toEqual([feedUrl, feedUrl]);
    expect(w.warnings).toEqual([]);
  });

  it('auto never goes below the built-in floor', async () => {
    const w = setup({ answers: ['Stable Version: 1.11.5-1'] });
    await w.resolver.refresh();
    expect(w.resolver.current()).toBe(floor);
  });

  it('a feed that is down or answers garbage: the floor, one warning, no read on every request', async () => {
    const w = setup({ answers: [new Error('connect ECONNREFUSED'), '<html>502 Bad Gateway</html>'] });
    await w.resolver.refresh();
    expect(w.resolver.current()).toBe(floor);
    expect(w.resolver.source()).toBe('built-in');
    for (let index = 0; index < 5; index += 1) w.resolver.current();
    expect(w.fetched).toHaveLength(1);
    w.advance(60 * 60 * 1000);
    w.resolver.current();
    await w.resolver.refresh();
    expect(w.fetched).toHaveLength(2);
    expect(w.resolver.current()).toBe(floor);
    expect(w.warnings).toHaveLength(1);
    expect(w.warnings[0]).toMatch(/Could not read the current Antigravity version from http:\/\/feed\.test\/ \(connect ECONNREFUSED\); presenting 1\.20\.0/);
  });

  it('a feed that never answers is given up after the timeout; requests never wait for it', async () => {
    vi.useFakeTimers();
    const w = setup({ answers: ['hang'] });
    expect(w.resolver.current()).toBe(floor);
    const done = w.resolver.refresh();
    await vi.advanceTimersByTimeAsync(3000);
    await done;
    expect(w.resolver.current()).toBe(floor);
    expect(w.warnings[0]).toMatch(/no answer within 3000 ms/);
  });

  it('keeps the answer for a day in the data dir: a restart does not read the feed again', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'skyport-version-'));
    try {
      const cacheFile = join(directory, 'client-version.json');
      const first = setup({ answers: ['Stable Version: 1.24.1-1'], cacheFile });
      await first.resolver.refresh();
      expect(JSON.parse(await readFile(cacheFile, 'utf8'))).toMatchObject({ version: '1.24.1', feedUrl });
      const second = setup({ answers: ['Stable Version: 9.9.9-1'], cacheFile });
      await second.resolver.refresh();
      expect(second.resolver.current()).toBe('1.24.1');
      expect(second.fetched).toEqual([]);
      // A cache file someone broke is ignored, not trusted.
      await writeFile(cacheFile, '{"version":"not a version","fetchedAt":1}');
      const third = setup({ answers: ['Stable Version: 1.24.2-1'], cacheFile });
      await third.resolver.refresh();
      expect(third.resolver.current()).toBe('1.24.2');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
