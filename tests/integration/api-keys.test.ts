/**
 * Named API keys on the real server against the fake Google, driven by the official SDKs: keys
 * made over the admin API, requests attributed to them (request log, usage, /metrics), and each
 * rule (expiry, disabled, deleted, model allow-list, requests per minute) answered in the
 * caller's protocol.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogPage } from '../../proxy-core/monitor/query-request-logs.js';
import type { UsageReport } from '../../proxy-core/monitor/compute-usage.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
// The gateway's clock: real time plus what a test skips ahead.
let skipped = 0;

beforeAll(async () => {
  world = await startTestGateway({ accounts: [testAccount({ email: 'keys@example.com' })], now: () => Date.now() + skipped });
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  skipped = 0;
  await world.setSetting('proxy.auth_mode', 'strict');
  for (const key of world.gateway.apiKeys.list()) await world.gateway.apiKeys.remove(key.name);
  await admin('/logs', { method: 'DELETE' });
});

async function admin(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${world.origin}/api/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function control<T>(operation: string, body: unknown, status = 200): Promise<T> {
  const response = await admin(`/control/${operation}`, { body });
  const json = (await response.json()) as T;
  expect(response.status, JSON.stringify(json)).toBe(status);
  return json;
}

async function createKey(body: Record<string, unknown>): Promise<string> {
  return (await control<{ secret: string }>('createKey', body)).secret;
}

const openai = (apiKey: string) => new OpenAI({ baseURL: world.baseUrl, apiKey, maxRetries: 0 });
const anthropic = (apiKey: string) => new Anthropic({ baseURL: world.origin, apiKey, maxRetries: 0 });
const chat = (apiKey: string, model = 'gemini-3-flash') => openai(apiKey).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const message = (apiKey: string, model = 'gemini-3-flash') =>
  anthropic(apiKey).messages.create({ model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });

async function logKeys(count: number): Promise<string[]> {
  const read = async () => ((await (await admin('/logs')).json()) as RequestLogPage).items;
  await expect.poll(async () => (await read()).length, { timeout: 3000 }).toBeGreaterThanOrEqual(count);
  return (await read()).map((item) => item.client_key).reverse();
}

describe('named API keys', () => {
  it('attributes each request to its key: request log, usage by key and /metrics', async () => {
    const ci = await createKey({ name: 'ci' });
    const alice = await createKey({ name: 'alice', label: 'Alice laptop' });
    await chat(ci);
    await message(alice);
    await chat(world.apiKey);
    await message(ci);

    expect(await logKeys(4)).toEqual(['ci', 'alice', 'default', 'ci']);
    const onlyCi = (await (await admin('/logs?key=ci')).json()) as RequestLogPage;
    expect(onlyCi.items.map((item) => [item.client_key, item.protocol])).toEqual([
      ['ci', 'anthropic'],
      ['ci', 'openai'],
    ]);
    const usage = (await (await admin('/usage?group=key')).json()) as UsageReport;
    expect(Object.fromEntries(usage.groups.map((group) => [group.key, group.requests]))).toEqual({ ci: 2, alice: 1, default: 1 });
    const metrics = await (await fetch(`${world.origin}/metrics`, { headers: { authorization: `Bearer ${world.apiKey}` } })).text();
    expect(metrics).toMatch(/^skyport_key_requests_total\{key="ci",status="200"\} 2$/m);
    expect(metrics).toMatch(/^skyport_key_requests_total\{key="alice",status="200"\} 1$/m);
  });

  it('lists keys without secrets and refuses a taken name with 409', async () => {
    const secret = await createKey({ name: 'ci', models: ['gemini-*'], rpm: 60, expires: '30d' });
    const listed = await control<{ items: Array<Record<string, unknown>> }>('listKeys', {});
    expect(listed.items).toEqual([expect.objectContaining({ name: 'ci', models: ['gemini-*'], rpm: 60, status: 'active', prefix: `${secret.slice(0, 17)}…` })]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(18));
    const duplicate = await control<{ error: { message: string } }>('createKey', { name: 'ci' }, 409);
    expect(duplicate.error.message).toContain('already exists');
  });

  it('refuses a model outside the allow-list with 403 naming the list, in each protocol', async () => {
    const secret = await createKey({ name: 'gemini-only', models: ['gemini-*'] });
    await expect(chat(secret, 'gemini-3-flash')).resolves.toBeDefined();

    const openaiError = await chat(secret, 'claude-sonnet-4-5').catch((error: unknown) => error);
    expect(openaiError).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((openaiError as InstanceType<typeof OpenAI.PermissionDeniedError>).message).toContain(
      'API key "gemini-only" may not use model "claude-sonnet-4-5": its model allow-list is gemini-*.',
    );
    const anthropicError = await message(secret, 'claude-opus-4-5').catch((error: unknown) => error);
    expect(anthropicError).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((anthropicError as InstanceType<typeof Anthropic.PermissionDeniedError>).error).toMatchObject({ error: { type: 'permission_error' } });
    expect(await logKeys(3)).toEqual(['gemini-only', 'gemini-only', 'gemini-only']);
  });

  it('answers a key over its requests per minute with 429 and Retry-After', async () => {
    const secret = await createKey({ name: 'slow', rpm: 2 });
    await chat(secret);
    await message(secret);
    const limited = await chat(secret).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    const retryAfter = Number((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect((limited as Error).message).toContain('API key "slow" is over its limit of 2 requests per minute');
    // The main key and other keys are not limited by it.
    await expect(chat(world.apiKey)).resolves.toBeDefined();
    // Half a minute later one request's worth is back.
    skipped += 30_000;
    await expect(chat(secret)).resolves.toBeDefined();
  });

  it('refuses an expired key with 401 saying when it expired', async () => {
    const secret = await createKey({ name: 'temp', expires: '1h' });
    await expect(chat(secret)).resolves.toBeDefined();
    skipped += 2 * 3_600_000;
    const expired = await message(secret).catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((expired as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
      error: { type: 'authentication_error', message: expect.stringMatching(/^API key "temp" expired at \d{4}-\d\d-\d\dT/) },
    });
    const listed = await control<{ items: Array<{ status: string }> }>('listKeys', {});
    expect(listed.items[0]?.status).toBe('expired');
  });

  it('refuses a disabled key until it is enabled, a deleted or regenerated-away secret at once', async () => {
    const secret = await createKey({ name: 'bob' });
    await control('updateKey', { name: 'bob', disabled: true });
    const disabled = await chat(secret).catch((error: unknown) => error);
    expect(disabled).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((disabled as Error).message).toContain('API key "bob" is disabled.');
    await control('updateKey', { name: 'bob', disabled: false });
    await expect(chat(secret)).resolves.toBeDefined();

    const { secret: renewed } = await control<{ secret: string }>('regenerateKey', { name: 'bob' });
    await expect(chat(secret)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(chat(renewed)).resolves.toBeDefined();
    await control('deleteKey', { name: 'bob' });
    await expect(message(renewed)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('with auth off, a named key sent anyway is attributed and its rules hold', async () => {
    await world.setSetting('proxy.auth_mode', 'off');
    const secret = await createKey({ name: 'tool', models: ['gemini-*'] });
    await chat(secret);
    await chat('anything-at-all');
    await expect(chat(secret, 'claude-sonnet-4-5')).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await control('updateKey', { name: 'tool', disabled: true });
    await expect(chat(secret)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await logKeys(4)).toEqual(['tool', 'none', 'tool', 'tool']);
  });

  it('sets the main key to a chosen value of at least 16 characters', async () => {
    const short = await control<{ error: { message: string; param: string } }>('setApiKey', { api_key: 'too-short-key' }, 400);
    expect(short.error).toMatchObject({ param: 'proxy.api_key' });
    expect(short.error.message).toContain('proxy.api_key must be at least 16 characters');
    const chosen = 'my-own-main-key-2026';
    const previous = world.gateway.settings().proxy.api_key;
    try {
      await control('setApiKey', { api_key: chosen });
      await expect(chat(chosen)).resolves.toBeDefined();
      await expect(chat(previous)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    } finally {
      await control('setApiKey', { api_key: previous });
    }
  });
});
