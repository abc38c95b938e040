/**
 * The request log, usage and live events over the admin API, on the real server against the fake
 * Google: traffic through the official SDKs, then what `/api/admin/logs…`, `/usage`, the CSV export
 * and `/api/admin/events` say about it; and a restart that keeps it.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../proxy-core/create-gateway.js';
import { silentLogger } from '../../proxy-core/logging/logger.js';
import type { RequestLogDetail, RequestLogSummary } from '../../proxy-core/monitor/describe-request-log.js';
import type { RequestLogPage } from '../../proxy-core/monitor/query-request-logs.js';
import type { UsageReport } from '../../proxy-core/monitor/compute-usage.js';
import { rateLimitError } from '../fakes/fake-google-errors.js';
import { countAnsweredRequests } from './count-answered-requests.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let openai: OpenAI;
const first = testAccount({ email: 'log-first@example.com' });
const second = testAccount({ email: 'log-second@example.com' });

beforeAll(async () => {
  world = await startTestGateway({ accounts: [first, second] });
  openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await world.setSetting('proxy.auth_mode', 'off');
  await world.setSetting('proxy.metrics_public', false);
  await world.setSetting('monitor.capture_bodies', false);
  await world.setSetting('proxy.enable_logging', true);
  await admin('/logs', { method: 'DELETE' });
});

function admin(path: string, init: { method?: string; credential?: string | null } = {}) {
  const credential = init.credential === undefined ? world.adminToken : init.credential;
  return fetch(`${world.origin}/api/admin${path}`, {
    method: init.method ?? 'GET',
    headers: credential === null ? {} : { authorization: `Bearer ${credential}` },
  });
}

async function adminJson<T>(path: string): Promise<T> {
  const response = await admin(path);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

const logs = (query = '') => adminJson<RequestLogPage>(`/logs${query}`);
/** The record is made when the server sees the response end, a moment after the client does. */
async function logsCount(count: number, query = ''): Promise<RequestLogPage> {
  await expect.poll(async () => (await logs(query)).items.length, { timeout: 3000 }).toBeGreaterThanOrEqual(count);
  return logs(query);
}

describe('request log', () => {
  it('records chat requests, stream and not, with model, mapping, account, status, timings and tokens', async () => {
    const plain = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hi' }] }).withResponse();
    const stream = await openai.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;

    const page = await logsCount(2);
    expect(page.next_cursor).toBeNull();
    const [streamed, answered] = page.items as [RequestLogSummary, RequestLogSummary];
    expect(answered).toMatchObject({
      id: plain.response.headers.get('x-request-id'),
      protocol: 'openai',
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      mapped_model: plain.response.headers.get('x-mapped-model'),
      account_email: plain.response.headers.get('x-account-email'),
      status: 200,
      stream: false,
      input_tokens: plain.data.usage?.prompt_tokens,
      output_tokens: plain.data.usage?.completion_tokens,
      cached_tokens: 0,
      client_key: 'none',
      error: null,
      kind: 'ai',
      attempt_count: 1,
    });
    expect(answered.duration_ms).toBeGreaterThanOrEqual(answered.ttfb_ms ?? Number.POSITIVE_INFINITY);
    expect(Date.parse(answered.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(streamed).toMatchObject({ model: 'gemini-3-flash', mapped_model: 'gemini-3-flash', stream: true, status: 200 });
    expect(streamed.output_tokens).toBeGreaterThan(0);
    expect(streamed.ttfb_ms).not.toBeNull();
  });

  it('records the other protocols: Anthropic Messages and Gemini native', async () => {
    const anthropic = new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
    await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    const gemini = new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });
    await gemini.models.generateContent({ model: 'gemini-3-flash', contents: 'Hi' });

    const page = await logsCount(2);
    const byProtocol = Object.fromEntries(page.items.map((item) => [item.protocol, item]));
    expect(byProtocol.anthropic).toMatchObject({ path: '/v1/messages', model: 'claude-sonnet-4-5', status: 200 });
    expect(byProtocol.anthropic?.input_tokens).toBeGreaterThan(0);
    expect(byProtocol.gemini).toMatchObject({ model: 'gemini-3-flash', status: 200 });
    expect(byProtocol.gemini?.path).toMatch(/^\/v1beta\/models\/gemini-3-flash:generateContent$/);
    expect(byProtocol.gemini?.output_tokens).toBeGreaterThan(0);
  });

  it('shows every attempt of a request: the account that failed, why, and the one that answered', async () => {
    world.fake.enqueue(rateLimitError({ retryDelay: '30s' }), first.email);
    world.fake.enqueue(rateLimitError({ retryDelay: '30s' }), second.email);
    await world.setSetting('proxy.preferred_account', first.email);
    try {
      await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'retry me' }] }).catch(() => undefined);
    } finally {
      await world.setSetting('proxy.preferred_account', '');
    }
    const [summary] = (await logsCount(1)).items;
    const detail = await adminJson<{ item: RequestLogDetail }>(`/logs/${summary?.id}`);
    expect(detail.item.attempts.length).toBeGreaterThanOrEqual(2);
    expect(detail.item.attempts[0]).toMatchObject({ account_email: first.email, outcome: 'failed', status: 429 });
    expect(detail.item.attempts[0]?.rule).toEqual(expect.any(String));
    expect(detail.item.attempt_count).toBe(detail.item.attempts.length);
    expect(detail.item.client_ip).toBe('127.0.0.1');
    expect(detail.item.request_body).toBeNull();
    // Accounts now cool down: clear that for the next tests.
    for (const email of [first.email, second.email]) await world.gateway.accountStore.update(email, { cooldowns: {} });
  });

  it('records refused requests too (401 with auth on), labelled by key', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    const refused = await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'with key' }] });
    const page = await logsCount(2);
    expect(page.items.map((item) => [item.status, item.client_key])).toEqual([
      [200, 'default'],
      [401, 'default'],
    ]);
    expect(page.items[1]?.error).toMatch(/API key/);
  });

  it('filters, pages with a cursor, and refuses a bad query with 400', async () => {
    for (let index = 0; index < 5; index += 1) await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: `n${index}` }] });
    await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": 1}' });
    await logsCount(6);

    const firstPage = await logs('?limit=4');
    expect(firstPage.items).toHaveLength(4);
    expect(firstPage.next_cursor).toEqual(expect.any(String));
    const secondPage = await logs(`?limit=4&cursor=${encodeURIComponent(firstPage.next_cursor ?? '')}`);
    expect(secondPage.items).toHaveLength(2);
    expect(secondPage.next_cursor).toBeNull();
    expect(new Set([...firstPage.items, ...secondPage.items].map((item) => item.id)).size).toBe(6);

    expect((await logs('?status=error')).items.map((item) => item.status)).toEqual([400]);
    expect((await logs('?status=ok&model=gemini-3-flash&protocol=openai')).items).toHaveLength(5);
    expect((await logs(`?account=${encodeURIComponent(first.email.toUpperCase())}`)).items.every((item) => item.account_email === first.email)).toBe(true);
    expect((await logs(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);

    const bad = await admin('/logs?status=teapot&limit=9999');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringMatching(/status.*limit|limit.*status/s) } });
    expect((await admin('/logs/req_does_not_exist')).status).toBe(404);
  });

  it('needs the admin credential', async () => {
    expect((await admin('/logs', { credential: null })).status).toBe(401);
    expect((await admin('/usage', { credential: 'wrong-key-here' })).status).toBe(401);
    expect((await admin('/logs/export', { credential: null })).status).toBe(401);
    expect((await admin('/events', { credential: null })).status).toBe(401);
  });

  it('clears the log', async () => {
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'x' }] });
    await logsCount(1);
    const cleared = await admin('/logs', { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ deleted: 1 });
    expect((await logs()).items).toEqual([]);
  });

  it('records nothing with proxy.enable_logging off', async () => {
    await world.setSetting('proxy.enable_logging', false);
    const answered = countAnsweredRequests(world.gateway);
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'off the record' }] });
    // The monitor has seen the request (it counts it where it would queue the row), and the writer has flushed.
    await expect.poll(() => countAnsweredRequests(world.gateway)).toBe(answered + 1);
    world.gateway.monitor.flush();
    expect((await logs()).items).toEqual([]);
  });

  it('captures bodies when asked, with the API key and secrets masked', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    await world.setSetting('monitor.capture_bodies', true);
    const secret = 'sk-abcdefabcdefabcdefabcdef123456';
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: `my other key is ${secret}` }] });
    const [summary] = (await logsCount(1)).items;
    const response = await admin(`/logs/${summary?.id}`);
    const text = await response.text();
    expect(text).not.toContain(world.apiKey);
    expect(text).not.toContain(secret);
    const { item } = JSON.parse(text) as { item: RequestLogDetail };
    expect(item.request_headers?.authorization).toBe('[redacted]');
    expect(item.request_headers?.['user-agent']).toMatch(/OpenAI/);
    expect(JSON.parse(item.request_body ?? '{}')).toMatchObject({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'my other key is [redacted]' }] });
    expect(JSON.parse(item.response_body ?? '{}')).toMatchObject({ object: 'chat.completion' });

    const stream = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'stream it' }], stream: true });
    for await (const chunk of stream) void chunk;
    const [streamed] = (await logsCount(2)).items;
    const streamedItem = (await adminJson<{ item: RequestLogDetail }>(`/logs/${streamed?.id}`)).item;
    expect(streamedItem.stream).toBe(true);
    expect(streamedItem.response_body).toMatch(/^data: \{.*"chat\.completion\.chunk"/);
    expect(streamedItem.response_body).toContain('data: [DONE]');
  });
});

describe('usage', () => {
  it('sums requests and tokens by model, account and key, per hour', async () => {
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'a' }] });
    await openai.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'b' }] });
    await logsCount(2);
    const byModel = await adminJson<UsageReport>('/usage?group=model&bucket=hour');
    expect(byModel.totals.requests).toBe(2);
    expect(byModel.groups.map((group) => group.key).sort()).toEqual(['claude-sonnet-4-5', 'gemini-3-flash']);
    expect(byModel.totals.input_tokens).toBeGreaterThan(0);
    expect(byModel.totals.latency_ms.p50).toEqual(expect.any(Number));
    expect(byModel.series.every((entry) => entry.bucket_start.endsWith(':00:00.000Z'))).toBe(true);
    const byAccount = await adminJson<UsageReport>('/usage?group=account&bucket=day');
    expect(byAccount.groups.reduce((sum, group) => sum + group.requests, 0)).toBe(2);
    const byKey = await adminJson<UsageReport>('/usage?group=key');
    expect(byKey.groups).toMatchObject([{ key: 'none', requests: 2 }]);
    expect((await admin('/usage?group=nothing')).status).toBe(400);
  });
});

describe('CSV export', () => {
  it('streams every record as CSV with a header', async () => {
    for (let index = 0; index < 3; index += 1) await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'csv' }] });
    await logsCount(3);
    const response = await admin('/logs/export?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="skyport-requests-.*\.csv"$/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe(
      'id,time,protocol,method,path,model,mapped_model,account_email,status,duration_ms,ttfb_ms,input_tokens,output_tokens,cached_tokens,reasoning_tokens,stream,attempts,client_key,error',
    );
    expect(lines.filter((line) => line.startsWith('req_'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('');
    expect((await admin('/logs/export?format=xml')).status).toBe(400);
  });
});

/** Reads SSE frames from a fetch body. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: string } | { comment: string } | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(':')) return { comment: frame.slice(1).trim() };
          const event = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
          return { event, data };
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('live events', () => {
  it('pushes a `log` event for a new request and ends the stream cleanly when the gateway stops', async () => {
    const response = await fetch(`${world.origin}/api/admin/events?types=log`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = readEvents(response.body as ReadableStream<Uint8Array>);
    expect(await events.next()).toEqual({ comment: 'connected' });

    const made = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'live' }] }).withResponse();
    const frame = await events.next();
    expect(frame).toMatchObject({ event: 'log' });
    const summary = JSON.parse((frame as { data: string }).data) as RequestLogSummary;
    expect(summary).toMatchObject({ id: made.response.headers.get('x-request-id'), model: 'gemini-3-flash', status: 200 });
    expect(summary).not.toHaveProperty('request_body');

    const started = Date.now();
    await world.gateway.stop({ drainMs: 10_000 });
    // The event stream does not hold the stop for its drain time: it ends at once.
    expect(await events.next()).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
    const restarted = await world.gateway.start();
    world.origin = `http://127.0.0.1:${restarted.port}`;
    world.baseUrl = `${world.origin}/v1`;
    openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
  });

  it('refuses an unknown event type', async () => {
    const response = await admin('/events?types=log,nothing');
    expect(response.status).toBe(400);
  });
});

describe('restart', () => {
  it('keeps the log when the gateway is closed and created again on the same data dir', async () => {
    const own = await startTestGateway();
    let reopened: Awaited<ReturnType<typeof createGateway>> | undefined;
    try {
      const client = new OpenAI({ baseURL: own.baseUrl, apiKey: own.apiKey, maxRetries: 0 });
      const made = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'remember me' }] }).withResponse();
      const id = made.response.headers.get('x-request-id');
      // Straight to close: whatever is still queued must be written by it.
      await own.gateway.close();

      reopened = await createGateway({
        dataDir: own.dataDir,
        environment: { SKYPORT_UPSTREAM_BASE_URLS: own.fake.baseUrl, SKYPORT_OAUTH_TOKEN_URL: own.fake.tokenUrl, SKYPORT_USERINFO_URL: own.fake.userinfoUrl },
        logger: silentLogger,
        listen: { host: '127.0.0.1', port: 0 },
      });
      const status = await reopened.start();
      const response = await fetch(`http://127.0.0.1:${status.port}/api/admin/logs/${id}`, { headers: { authorization: `Bearer ${own.adminToken}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { item: RequestLogDetail }).item).toMatchObject({ id, model: 'gemini-3-flash', status: 200 });
    } finally {
      await reopened?.close();
      await own.fake.close();
      await rm(own.dataDir, { recursive: true, force: true });
    }
  });
});
