/** `GET /metrics` on the real server: Prometheus text that a parser reads, behind the API key unless published. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimitError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';
import { sampleValue, validatePrometheusText } from './validate-prometheus-text.js';

let world: TestGateway;
let openai: OpenAI;
const first = testAccount({ email: 'metrics-first@example.com' });
const second = testAccount({ email: 'metrics-second@example.com' });

beforeAll(async () => {
  world = await startTestGateway({ accounts: [first, second], settings: { 'proxy.auth_mode': 'strict' } });
  openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await world.setSetting('proxy.auth_mode', 'strict');
  await world.setSetting('proxy.metrics_public', false);
});

const scrape = (credential: string | null = world.apiKey) =>
  fetch(`${world.origin}/metrics`, { headers: credential === null ? {} : { authorization: `Bearer ${credential}` } });

async function readMetrics() {
  const response = await scrape();
  expect(response.status).toBe(200);
  return validatePrometheusText(await response.text());
}

describe('/metrics', () => {
  it('is Prometheus text that counts requests, latency, tokens, attempts, accounts and cooldowns', async () => {
    const before = await readMetrics();
    const countBefore = sampleValue(before, 'skyport_requests_total', { protocol: 'openai', status: '200', model: 'gemini-3-flash' }) ?? 0;

    await world.setSetting('proxy.preferred_account', first.email);
    world.fake.enqueue(rateLimitError({ retryDelay: '60s' }), first.email);
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'count me' }] });
    await world.setSetting('proxy.preferred_account', '');
    const stream = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'stream' }], stream: true });
    for await (const chunk of stream) void chunk;
    // The server counts the stream when it sees the response end, a moment after the client does.
    await expect
      .poll(async () => sampleValue(await readMetrics(), 'skyport_requests_total', { protocol: 'openai', status: '200', model: 'gemini-3-flash' }))
      .toBe(countBefore + 2);

    const response = await scrape();
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = await validatePrometheusText(await response.text());
    expect(metrics.skyport_requests_total?.type).toBe('counter');
    expect(sampleValue(metrics, 'skyport_requests_total', { protocol: 'openai', status: '200', model: 'gemini-3-flash' })).toBe(countBefore + 2);
    expect(metrics.skyport_request_duration_seconds?.type).toBe('histogram');
    expect(sampleValue(metrics, 'skyport_request_duration_seconds', { protocol: 'openai' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(metrics, 'skyport_request_ttfb_seconds', { protocol: 'openai' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(metrics, 'skyport_tokens_total', { model: 'gemini-3-flash', kind: 'output' })).toBeGreaterThan(0);
    expect(sampleValue(metrics, 'skyport_upstream_attempts_total', { outcome: 'failed', status: '429' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(metrics, 'skyport_upstream_attempts_total', { outcome: 'ok', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(metrics, 'skyport_accounts', { status: 'active' })).toBe(2);
    expect(sampleValue(metrics, 'skyport_account_cooldowns_active')).toBeGreaterThanOrEqual(1);
    // A scrape is not a request of the log.
    const logs = await fetch(`${world.origin}/api/admin/logs?q=/metrics`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(((await logs.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('needs the API key like the AI routes, unless proxy.metrics_public is on', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('sk-wrong-key-000000')).status).toBe(401);
    await world.setSetting('proxy.metrics_public', true);
    expect((await scrape(null)).status).toBe(200);
    // Publishing the metrics opens nothing else.
    expect((await fetch(`${world.baseUrl}/models`)).status).toBe(401);
    await world.setSetting('proxy.metrics_public', false);
    await world.setSetting('proxy.auth_mode', 'off');
    expect((await scrape(null)).status).toBe(200);
  });

  it('still answers while the AI routes are stopped', async () => {
    world.gateway.setServing(false);
    try {
      expect((await fetch(`${world.baseUrl}/models`, { headers: { authorization: `Bearer ${world.apiKey}` } })).status).toBe(503);
      expect((await scrape()).status).toBe(200);
    } finally {
      world.gateway.setServing(true);
    }
  });
});
