/**
 * The request log and usage through the ControlApi, over a real gateway (temp data dir, fake
 * Google): traffic from the official OpenAI SDK, then what the UI's operations say about it, in
 * process and over `POST /api/admin/control/<name>` (which validates before it calls, as IPC does).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorOperations } from '../../proxy-core/control/monitor-operations.js';
import type { RequestLogPage } from '../../proxy-core/monitor/describe-request-log.js';
import { rateLimitError } from '../fakes/fake-google-errors.js';
import { countAnsweredRequests } from './count-answered-requests.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let openai: OpenAI;
const first = testAccount({ email: 'monitor-first@example.com' });
const second = testAccount({ email: 'monitor-second@example.com' });

beforeAll(async () => {
  world = await startTestGateway({ accounts: [first, second] });
  openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await control().updateSettings({ proxy: { enable_logging: true }, monitor: { capture_bodies: false, max_body_kb: 64 } });
  await control().clearLogs({});
});

const control = () => world.gateway.control;
const ask = (model: string, content = 'hi') => openai.chat.completions.create({ model, messages: [{ role: 'user', content }] });

/** The record is written when the server sees the response end, a moment after the client does. */
async function logsCount(count: number, query: Parameters<ReturnType<typeof control>['queryLogs']>[0] = {}): Promise<RequestLogPage> {
  await expect.poll(async () => (await control().queryLogs(query)).items.length, { timeout: 3000 }).toBeGreaterThanOrEqual(count);
  return control().queryLogs(query);
}

/** Waits until the monitor has seen `count` more requests than `before` (logged or not), then flushes the log writer. */
async function recorded(before: number, count = 1): Promise<void> {
  await expect.poll(() => countAnsweredRequests(world.gateway)).toBe(before + count);
  world.gateway.monitor.flush();
}

/** The ControlApi over HTTP, as the web console calls it. */
async function overHttp(name: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${world.origin}/api/admin/control/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('queryLogs and getLog', () => {
  it('lists a request with model, mapped model, account, status and tokens; getLog adds its attempts', async () => {
    await ask('gpt-4o');
    const { items, next_cursor } = await logsCount(1);
    expect(next_cursor).toBeNull();
    const [summary] = items;
    expect(summary).toMatchObject({ protocol: 'openai', method: 'POST', path: '/v1/chat/completions', model: 'gpt-4o', status: 200, error: null });
    expect(summary?.mapped_model).toEqual(expect.stringMatching(/^gemini-/));
    expect([first.email, second.email]).toContain(summary?.account_email);
    expect(summary?.input_tokens).toBeGreaterThan(0);
    expect(summary?.output_tokens).toBeGreaterThan(0);

    const { item } = await control().getLog({ id: summary?.id ?? '' });
    expect(item).toMatchObject({ id: summary?.id, client_ip: '127.0.0.1', request_body: null, response_body: null });
    expect(item.attempts).toEqual([expect.objectContaining({ account_email: summary?.account_email, outcome: 'ok' })]);
    await expect(control().getLog({ id: 'req_nope' })).rejects.toMatchObject({ kind: 'not_found', code: 'log_not_found' });
  });

  it('filters server-side and pages with the cursor, in process and over HTTP alike', async () => {
    for (let index = 0; index < 3; index += 1) await ask('gemini-3-flash', `n${index}`);
    await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": 1}' });
    await logsCount(4);

    const errors = await control().queryLogs({ status: 'error' });
    expect(errors.items.map((item) => item.status)).toEqual([400]);
    expect((await control().queryLogs({ status: '4xx', protocol: 'openai' })).items).toHaveLength(1);
    expect((await control().queryLogs({ status: 'ok', model: 'gemini-3-flash' })).items).toHaveLength(3);
    expect((await control().queryLogs({ q: 'NO-SUCH-TEXT' })).items).toEqual([]);
    expect((await control().queryLogs({ since: Date.now() + 60_000 })).items).toEqual([]);

    const page1 = await control().queryLogs({ limit: 3 });
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await control().queryLogs({ limit: 3, cursor: page1.next_cursor ?? '' });
    // Newest first: the oldest request is the one left for the second page.
    expect(page2).toMatchObject({ next_cursor: null, items: [expect.objectContaining({ status: 200, error: null })] });

    // The HTTP route validates first and the ControlApi again: a cursor, a status filter and an
    // ISO time must survive both.
    const http = await overHttp('queryLogs', { limit: 3, cursor: page1.next_cursor, status: 'ok', since: new Date(Date.now() - 60_000).toISOString() });
    expect(http.status).toBe(200);
    expect((http.body.items as unknown[]).length).toBe(1);
  });

  it('refuses a bad query as invalid input naming the field', async () => {
    await expect(control().queryLogs({ status: 'teapot' })).rejects.toMatchObject({ kind: 'invalid_request', code: 'invalid_input', param: 'status' });
    await expect(control().queryLogs({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ param: 'cursor' });
    await expect(control().queryLogs({ limit: 9999 })).rejects.toMatchObject({ param: 'limit' });
    await expect(control().queryLogs({ modle: 'typo' } as never)).rejects.toMatchObject({ kind: 'invalid_request' });
    const http = await overHttp('queryLogs', { protocol: 'smtp' });
    expect(http).toMatchObject({ status: 400, body: { error: { param: 'protocol' } } });
  });

  it('shows every attempt: the account that was rate limited, the rule, and the one that answered', async () => {
    world.fake.enqueue(rateLimitError({ retryDelay: '30s' }), first.email);
    await control().setPreferredAccount({ email: first.email });
    try {
      await ask('gemini-3-flash', 'retry me');
    } finally {
      await control().setPreferredAccount({ email: '' });
    }
    const [summary] = (await logsCount(1)).items;
    const { item } = await control().getLog({ id: summary?.id ?? '' });
    expect(item.attempts.length).toBeGreaterThanOrEqual(2);
    expect(item.attempts[0]).toMatchObject({ account_email: first.email, outcome: 'failed', status: 429, rule: expect.any(String) });
    expect(item.attempts.at(-1)).toMatchObject({ account_email: second.email, outcome: 'ok' });
    for (const email of [first.email, second.email]) await world.gateway.accountStore.update(email, { cooldowns: {} });
  });

  it('keeps redacted bodies when capture is on', async () => {
    await control().updateSettings({ monitor: { capture_bodies: true, max_body_kb: 4 } });
    await ask('gemini-3-flash', 'captured words');
    const [summary] = (await logsCount(1)).items;
    const { item } = await control().getLog({ id: summary?.id ?? '' });
    expect(item.request_body).toContain('captured words');
    expect(item.response_body).not.toBeNull();
    expect(JSON.stringify(item)).not.toContain(world.apiKey);
  });

  it('clears the log', async () => {
    await ask('gemini-3-flash');
    await logsCount(1);
    expect(await control().clearLogs({})).toEqual({ deleted: 1 });
    expect((await control().queryLogs({})).items).toEqual([]);
  });

  it('records nothing of the console itself', async () => {
    await fetch(`${world.origin}/console/`);
    await fetch(`${world.origin}/console/assets/missing.js`);
    const answered = countAnsweredRequests(world.gateway);
    await ask('gemini-3-flash');
    const page = await logsCount(1);
    await recorded(answered);
    expect((await control().queryLogs({})).items.map((item) => item.path)).toEqual(['/v1/chat/completions']);
    expect(page.items).toHaveLength(1);
  });
});

describe('getUsage', () => {
  it('sums requests, errors and tokens by model and by account, with latency percentiles', async () => {
    await ask('gemini-3-flash');
    await ask('gemini-3-flash');
    await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": 1}' });
    await logsCount(3);

    const byModel = await control().getUsage({ group: 'model', bucket: 'hour', tz_offset_minutes: 540 });
    expect(byModel.totals).toMatchObject({ requests: 3, errors: 1 });
    expect(byModel.totals.error_rate).toBeCloseTo(1 / 3);
    expect(byModel.totals.input_tokens).toBeGreaterThan(0);
    expect(byModel.totals.latency_ms.p50).toEqual(expect.any(Number));
    expect(byModel.groups.find((group) => group.key === 'gemini-3-flash')).toMatchObject({ requests: 2, errors: 0 });
    expect(byModel.series.length).toBeGreaterThanOrEqual(1);
    // Buckets start on the hour in the asked time zone (UTC+9 hours start on UTC hours too).
    expect(byModel.series[0]?.bucket_start).toMatch(/T\d\d:00:00\.000Z$/);

    const byAccount = await control().getUsage({ group: 'account', bucket: 'day', since: new Date(Date.now() - 86_400_000).toISOString() });
    expect(byAccount.groups.map((group) => group.key).filter((key) => key !== null).every((key) => [first.email, second.email].includes(key))).toBe(true);
    expect(byAccount.groups.reduce((sum, group) => sum + group.requests, 0)).toBe(3);

    expect((await overHttp('getUsage', { group: 'account', bucket: 'day', since: Date.now() - 3_600_000 })).status).toBe(200);
    await expect(control().getUsage({ group: 'planet' } as never)).rejects.toMatchObject({ param: 'group' });
  });
});

describe('exportLogsCsv', () => {
  it('returns the filtered log as CSV text with a file name', async () => {
    await ask('gemini-3-flash');
    await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": 1}' });
    await logsCount(2);
    const all = await control().exportLogsCsv({});
    expect(all.truncated).toBe(false);
    expect(all.file_name).toMatch(/^skyport-requests-\d{4}-\d\d-\d\dT[\d-]+Z\.csv$/);
    const lines = all.csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,time,protocol,method,path,model,mapped_model,account_email,status,/);
    expect(lines).toHaveLength(3);
    const errorsOnly = await control().exportLogsCsv({ status: 'error' });
    expect(errorsOnly.csv.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('stops at the size bound on a row boundary and says so', async () => {
    for (let index = 0; index < 3; index += 1) await ask('gemini-3-flash', `row ${index}`);
    await logsCount(3);
    const header = (await control().exportLogsCsv({})).csv.split('\r\n')[0] ?? '';
    // A bound that holds the header and nothing more: the first page of rows does not fit.
    const bounded = createMonitorOperations(world.gateway, { now: Date.now, maxCsvChars: header.length + 10 });
    const result = await bounded.exportLogsCsv({});
    expect(result).toMatchObject({ truncated: true, csv: `${header}\r\n` });
  });
});

describe('monitor settings', () => {
  it('shows and saves retention, row limit, body capture and body size; refuses values out of range', async () => {
    const before = await control().getSettings({});
    expect(before.monitor).toEqual({ retention_days: 30, max_rows: 100_000, capture_bodies: false, max_body_kb: 64 });
    const { settings } = await control().updateSettings({ proxy: { enable_logging: false }, monitor: { retention_days: 7, max_rows: 5000, max_body_kb: 128 } });
    expect(settings).toMatchObject({ proxy: { enable_logging: false }, monitor: { retention_days: 7, max_rows: 5000, capture_bodies: false, max_body_kb: 128 } });
    expect(world.gateway.settings().monitor.retention_days).toBe(7);

    const answered = countAnsweredRequests(world.gateway);
    await ask('gemini-3-flash', 'not logged');
    await recorded(answered);
    expect((await control().queryLogs({})).items).toEqual([]);

    await expect(control().updateSettings({ monitor: { max_rows: 5 } })).rejects.toThrow(/monitor\.max_rows/);
    await expect(control().updateSettings({ monitor: { color: 'blue' } } as never)).rejects.toMatchObject({ kind: 'invalid_request' });
    await control().updateSettings({ proxy: { enable_logging: true }, monitor: { retention_days: 30, max_rows: 100_000, max_body_kb: 64 } });
  });
});
