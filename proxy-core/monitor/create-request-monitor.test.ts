import Database from 'better-sqlite3';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultSettings, type Settings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createGatewayEventBus, type GatewayEventBus } from '../events/gateway-event-bus.js';
import { createRequestMonitor, type RequestMonitor } from './create-request-monitor.js';
import type { RequestLogEvent } from './describe-request-log.js';
import { completedRequest } from './testing/completed-request-fixture.js';
import { manualWriterTimers } from './testing/manual-writer-timers.js';

let dir: string;
let settings: Settings;
let logLines: string[];
const open = new Set<RequestMonitor>();
const now = 1_700_000_500_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-monitor-'));
  settings = createDefaultSettings();
  logLines = [];
});
afterEach(async () => {
  for (const monitor of open) monitor.close();
  open.clear();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: { events?: GatewayEventBus<RequestLogEvent> } = {}): Promise<RequestMonitor> {
  const log = (level: string) => (message: string) => logLines.push(`${level} ${message}`);
  const monitor = await createRequestMonitor({
    databasePath: join(dir, 'skyport.db'),
    settings: () => settings,
    accounts: () => [],
    events: options.events ?? createGatewayEventBus<RequestLogEvent>(),
    logger: { debug: log('debug'), warn: log('warn'), error: log('error') },
    now: () => now,
    version: '0.0.0-test',
    writer: { timers: manualWriterTimers() },
  });
  open.add(monitor);
  return monitor;
}

describe('recording', () => {
  it('keeps every field of a finished request and reads it back in full', async () => {
    const monitor = await start();
    const completed = completedRequest({
      state: {
        stream: true,
        mappingRule: 'family',
        warnings: [
          { code: 'web_search_dropped', message: 'web search dropped: the upstream cannot search the web and call functions in one request' },
          { code: 'field_ignored', message: 'bad key ya29.secret-token' },
        ],
        attempts: [
          {
            accountEmail: 'b@example.com',
            outcome: 'failed',
            status: 429,
            rule: 'rate_limited',
            message: 'Resource exhausted for ya29.secret-token',
            waitedMs: 0,
            skipped: [{ email: 'c@example.com', reason: 'cooling down until 12:00' }],
          },
          { accountEmail: 'a@example.com', outcome: 'ok', waitedMs: 1500.4, skipped: [] },
        ],
      },
    });
    monitor.record(completed);
    const item = monitor.getLog(completed.state.requestId);
    expect(item).toEqual({
      id: completed.state.requestId,
      time: new Date(completed.state.startedAt).toISOString(),
      protocol: 'openai',
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      mapped_model: 'gemini-3-flash',
      account_email: 'a@example.com',
      status: 200,
      duration_ms: 120,
      ttfb_ms: 40,
      input_tokens: 10,
      output_tokens: 5,
      cached_tokens: 2,
      reasoning_tokens: 1,
      stream: true,
      attempt_count: 2,
      client_key: 'none',
      error: null,
      kind: 'ai',
      client_ip: '127.0.0.1',
      attempts: [
        {
          account_email: 'b@example.com',
          outcome: 'failed',
          status: 429,
          rule: 'rate_limited',
          message: 'Resource exhausted for [redacted]',
          waited_ms: 0,
          skipped: [{ email: 'c@example.com', reason: 'cooling down until 12:00' }],
        },
        { account_email: 'a@example.com', outcome: 'ok', status: null, rule: null, message: null, waited_ms: 1500, skipped: [] },
      ],
      request_headers: null,
      request_body: null,
      response_body: null,
      mapping_rule: 'family',
      conversion_warnings: [
        { code: 'web_search_dropped', message: 'web search dropped: the upstream cannot search the web and call functions in one request' },
        { code: 'field_ignored', message: 'bad key [redacted]' },
      ],
      warnings: ['web search dropped: the upstream cannot search the web and call functions in one request', 'bad key [redacted]'],
    });
  });

  it('labels the key `default` when the AI routes take one', async () => {
    settings = { ...settings, proxy: { ...settings.proxy, auth_mode: 'strict' } };
    const monitor = await start();
    const completed = completedRequest();
    monitor.record(completed);
    expect(monitor.getLog(completed.state.requestId)?.client_key).toBe('default');
  });

  it('names the last account tried when every attempt failed, and keeps the error', async () => {
    const monitor = await start();
    const completed = completedRequest({
      status: 429,
      state: {
        accountEmail: undefined,
        usage: undefined,
        firstByteAt: undefined,
        errorMessage: 'All accounts are rate limited',
        attempts: [
          { accountEmail: 'a@example.com', outcome: 'failed', status: 429, waitedMs: 0, skipped: [] },
          { accountEmail: 'b@example.com', outcome: 'failed', status: 429, waitedMs: 0, skipped: [] },
        ],
      },
    });
    monitor.record(completed);
    expect(monitor.getLog(completed.state.requestId)).toMatchObject({
      account_email: 'b@example.com',
      status: 429,
      ttfb_ms: null,
      input_tokens: 0,
      error: 'All accounts are rate limited',
    });
  });

  it('records a client that left: 499 before any header, the error either way', async () => {
    const monitor = await start();
    const early = completedRequest({ finished: false, headersSent: false });
    const midStream = completedRequest({ finished: false, headersSent: true, contentType: 'text/event-stream; charset=utf-8', state: { stream: undefined } });
    monitor.record(early);
    monitor.record(midStream);
    expect(monitor.getLog(early.state.requestId)).toMatchObject({ status: 499, error: expect.stringMatching(/client closed/) });
    expect(monitor.getLog(midStream.state.requestId)).toMatchObject({ status: 200, stream: true, error: expect.stringMatching(/client closed/) });
  });

  it('leaves out the admin API, metric scrapes, health probes and preflights', async () => {
    const monitor = await start();
    monitor.record(completedRequest({ method: 'GET', path: '/api/admin/logs', state: { protocol: 'admin' } }));
    monitor.record(completedRequest({ method: 'GET', path: '/metrics' }));
    monitor.record(completedRequest({ method: 'GET', path: '/healthz' }));
    monitor.record(completedRequest({ method: 'HEAD', path: '/' }));
    monitor.record(completedRequest({ method: 'OPTIONS' }));
    expect(monitor.queryLogs().items).toEqual([]);
  });

  it("leaves out the web console's own page and asset requests, and nothing that only looks like them", async () => {
    const monitor = await start();
    for (const path of ['/console', '/console/', '/console/index.html', '/console/assets/index-3f2a.js', '/console/icon.png']) {
      monitor.record(completedRequest({ method: 'GET', path, status: path === '/console' ? 301 : 200, state: { model: undefined, mappedModel: undefined, attempts: [] } }));
    }
    monitor.record(completedRequest({ method: 'GET', path: '/consoles', status: 404 }));
    expect(monitor.queryLogs().items.map((item) => item.path)).toEqual(['/consoles']);
    expect(monitor.renderMetrics()).not.toMatch(/status="301"/);
  });

  it('with proxy.enable_logging off, writes nothing but still counts for /metrics', async () => {
    settings = { ...settings, proxy: { ...settings.proxy, enable_logging: false } };
    const monitor = await start();
    monitor.record(completedRequest());
    expect(monitor.queryLogs().items).toEqual([]);
    expect(monitor.renderMetrics()).toMatch(/^skyport_requests_total\{protocol="openai",status="200",model="gemini-3-flash"\} 1$/m);
  });

  it('publishes a summary to subscribers', async () => {
    const events = createGatewayEventBus<RequestLogEvent>();
    const monitor = await start({ events });
    const seen: RequestLogEvent[] = [];
    const fromMonitor: string[] = [];
    events.subscribe((event) => seen.push(event));
    const unsubscribe = monitor.subscribe((summary) => fromMonitor.push(summary.id));
    const completed = completedRequest();
    monitor.record(completed);
    unsubscribe();
    monitor.record(completedRequest());
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ type: 'log', data: { id: completed.state.requestId, status: 200, input_tokens: 10 } });
    expect(seen[0]?.data).not.toHaveProperty('request_body');
    expect(fromMonitor).toEqual([completed.state.requestId]);
  });
});

describe('body capture', () => {
  it('stores headers and bodies with every credential masked, cut at max_body_kb', async () => {
    settings = { ...settings, monitor: { ...settings.monitor, capture_bodies: true, max_body_kb: 1 } };
    const monitor = await start();
    const apiKey = 'sk-0123456789abcdef0123456789abcdef';
    const completed = completedRequest({
      state: {
        capture: {
          requestHeaders: { authorization: '[redacted]', 'user-agent': 'OpenAI/JS 6.0' },
          requestBody: {
            model: 'gpt-4o',
            api_key: 'plain-secret-value',
            messages: [{ role: 'user', content: `my key is ${apiKey} and my refresh token 1//0gAbCdEfGhIjKlMnOp` }],
            padding: 'x'.repeat(3000),
          },
          responseChunks: [Buffer.from(`data: {"text":"Bearer abc.def-ghi"}\n\n`)],
          responseBytes: 36,
          limitBytes: 1024 + 512,
        },
      },
    });
    monitor.record(completed);
    const item = monitor.getLog(completed.state.requestId);
    expect(item?.request_headers).toEqual({ authorization: '[redacted]', 'user-agent': 'OpenAI/JS 6.0' });
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(apiKey);
    expect(stored).not.toContain('plain-secret-value');
    expect(stored).not.toContain('1//0gAbCdEfGhIjKlMnOp');
    expect(stored).not.toContain('abc.def-ghi');
    expect(item?.request_body).toMatch(/^\{"model":"gpt-4o","api_key":"\[redacted\]","messages"/);
    expect(item?.request_body).toMatch(/…\[truncated: \d+ bytes in all\]$/);
    expect(Buffer.byteLength(item?.request_body?.replace(/\n….*$/, '') ?? '')).toBeLessThanOrEqual(1024);
    expect(item?.response_body).toBe('data: {"text":"Bearer [redacted]"}\n\n');
  });
});

describe('durability', () => {
  it('keeps the log across a restart; close writes what was queued', async () => {
    const first = await start();
    const completed = completedRequest();
    first.record(completed);
    first.close();
    open.delete(first);
    const second = await start();
    expect(second.getLog(completed.state.requestId)?.id).toBe(completed.state.requestId);
    expect(second.persistent).toBe(true);
    // Owner only: the log names accounts and may hold captured bodies.
    if (process.platform !== 'win32') expect((await stat(join(dir, 'skyport.db'))).mode & 0o777).toBe(0o600);
  });

  it('renames a file that is not a database aside and starts a new one', async () => {
    await writeFile(join(dir, 'skyport.db'), 'this is not sqlite, just some text that is long enough to have a header'.repeat(20));
    const monitor = await start();
    expect(monitor.persistent).toBe(true);
    monitor.record(completedRequest());
    expect(monitor.queryLogs().items).toHaveLength(1);
    expect((await readdir(dir)).some((name) => name.startsWith('skyport.db.corrupt-'))).toBe(true);
    expect(logLines.join('\n')).toMatch(/could not be read/);
  });

  it('leaves a file from a newer version alone and logs in memory', async () => {
    const newer = new Database(join(dir, 'skyport.db'));
    newer.pragma('user_version = 99');
    newer.close();
    const monitor = await start();
    expect(monitor.persistent).toBe(false);
    expect(logLines.join('\n')).toMatch(/error .*schema version 99.*in memory until restart/);
    monitor.record(completedRequest());
    expect(monitor.queryLogs().items).toHaveLength(1);
  });
});

describe('queries', () => {
  it('pages newest first without gaps or repeats, with an opaque cursor', async () => {
    const monitor = await start();
    const ids: string[] = [];
    // Several share a millisecond: the cursor must still split them correctly.
    for (let index = 0; index < 120; index += 1) {
      const completed = completedRequest({ state: { startedAt: now - Math.floor(index / 3) } });
      ids.push(completed.state.requestId);
      monitor.record(completed);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = monitor.queryLogs({ limit: 50, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    const times = seen.map((id) => monitor.getLog(id)?.time ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by status, model, account, protocol, time and text', async () => {
    const monitor = await start();
    const ok = completedRequest({ state: { startedAt: now - 3000 } });
    const failed = completedRequest({ status: 503, state: { startedAt: now - 2000, errorMessage: 'No account 100%_ready', accountEmail: 'B@Example.com' } });
    const anthropic = completedRequest({ path: '/v1/messages', state: { startedAt: now - 1000, protocol: 'anthropic', model: 'claude-sonnet-4-5', mappedModel: 'claude-sonnet-4-5' } });
    const streamFailed = completedRequest({ state: { startedAt: now, errorMessage: 'upstream stream broke' } });
    for (const completed of [ok, failed, anthropic, streamFailed]) monitor.record(completed);
    const ids = (query: Parameters<RequestMonitor['queryLogs']>[0]) => monitor.queryLogs(query).items.map((item) => item.id);

    expect(ids({ status: 'error' })).toEqual([streamFailed.state.requestId, failed.state.requestId]);
    expect(ids({ status: 'ok' })).toEqual([anthropic.state.requestId, ok.state.requestId]);
    expect(ids({ status: '5xx' })).toEqual([failed.state.requestId]);
    expect(ids({ status: '503' })).toEqual([failed.state.requestId]);
    expect(ids({ model: 'claude-sonnet-4-5' })).toEqual([anthropic.state.requestId]);
    expect(ids({ model: 'gpt-4o', status: 'ok' })).toEqual([ok.state.requestId]);
    expect(ids({ account: 'b@example.com' })).toEqual([failed.state.requestId]);
    expect(ids({ protocol: 'anthropic' })).toEqual([anthropic.state.requestId]);
    expect(ids({ since: new Date(now - 2000).toISOString(), until: String(now) })).toEqual([anthropic.state.requestId, failed.state.requestId]);
    // LIKE wildcards in the text are matched literally.
    expect(ids({ q: '100%_' })).toEqual([failed.state.requestId]);
    expect(ids({ q: '100%x' })).toEqual([]);
    expect(ids({ q: 'STREAM BROKE' })).toEqual([streamFailed.state.requestId]);
    expect(ids({ model: '', q: ' ' })).toHaveLength(4);
  });

  it('refuses a bad filter or cursor as an invalid request', async () => {
    const monitor = await start();
    for (const query of [{ cursor: 'not-a-cursor' }, { status: 'teapot' }, { since: 'yesterday' }, { limit: 0 }, { limit: 501 }, { protocol: 'admin' }]) {
      let caught: unknown;
      try {
        monitor.queryLogs(query as never);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(query)).toBeInstanceOf(GatewayError);
      expect((caught as GatewayError).kind).toBe('invalid_request');
    }
  });

  it('clears the log', async () => {
    const monitor = await start();
    monitor.record(completedRequest());
    monitor.record(completedRequest());
    expect(monitor.clearLogs()).toEqual({ deleted: 2 });
    expect(monitor.queryLogs().items).toEqual([]);
  });
});
