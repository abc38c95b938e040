/**
 * The AI routes answer the same whichever way a request comes in: the direct path
 * (server/ai-fast-path.ts: exact route, plain JSON body) or the Express chain (another
 * spelling of the path, a body type the direct path leaves to body-parser). Same answers, same
 * refusals, in the same protocol shapes.
 */
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' } });
});
afterAll(async () => {
  await world.close();
});

const chat = { model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Say hi' }] };

interface Variant {
  name: string;
  path: string;
  headers: Record<string, string>;
  encode: (body: string) => string | Buffer;
}

const variants: Variant[] = [
  { name: 'direct path', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, encode: (body) => body },
  { name: 'Express, trailing slash', path: '/v1/chat/completions/', headers: { 'content-type': 'application/json' }, encode: (body) => body },
  { name: 'Express, text/plain body', path: '/v1/chat/completions', headers: { 'content-type': 'text/plain' }, encode: (body) => body },
  {
    name: 'Express, gzip body',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    encode: (body) => gzipSync(body),
  },
];

async function send(variant: Variant, options: { body?: string; headers?: Record<string, string>; query?: string; key?: string | null } = {}) {
  const key = options.key === undefined ? world.apiKey : options.key;
  const response = await request(`${world.origin}${variant.path}${options.query ?? ''}`, {
    method: 'POST',
    headers: { ...variant.headers, ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers },
    body: variant.encode(options.body ?? JSON.stringify(chat)),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe.each(variants)('POST /v1/chat/completions, $name', (variant) => {
  it('answers with a completion, the request id and the mapped model', async () => {
    const { status, headers, json } = await send(variant);
    expect(status).toBe(200);
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0].message.content).toContain('Hello from gemini-3-flash: Say hi');
    expect(headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    expect(headers['x-mapped-model']).toBe('gemini-3-flash');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('refuses a missing key, a wrong key and a key in the URL in OpenAI shape', async () => {
    expect(await send(variant, { key: null })).toMatchObject({ status: 401, json: { error: { code: 'missing_api_key' } } });
    expect(await send(variant, { key: 'sk-wrong-wrong-wrong' })).toMatchObject({ status: 401, json: { error: { code: 'invalid_api_key' } } });
    expect(await send(variant, { query: '?key=abc' })).toMatchObject({ status: 400, json: { error: { param: 'key' } } });
  });

  it('refuses a foreign Host and a foreign Origin', async () => {
    const host = await send(variant, { headers: { host: 'rebind.example.com' } });
    expect(host.status).toBe(403);
    expect(host.json.error.message).toMatch(/Host "rebind.example.com" is not allowed/);
    const origin = await send(variant, { headers: { origin: 'https://evil.example.com' } });
    expect(origin.status).toBe(403);
    expect(origin.json.error.message).toMatch(/Origin https:\/\/evil.example.com is not allowed/);
  });

  it('refuses malformed JSON and a request without messages with a 400', async () => {
    expect((await send(variant, { body: '{"model":' })).status).toBe(400);
    const missing = await send(variant, { body: JSON.stringify({ model: 'gemini-3-flash' }) });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/messages/);
  });
});

describe('both ways while stopped', () => {
  it('answer 503 gateway_stopped, and serve again once started', async () => {
    const control = (operation: string) =>
      request(`${world.origin}/api/admin/control/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
        body: '{}',
      }).then((response) => response.body.text());
    await control('stopGateway');
    for (const variant of variants) expect(await send(variant)).toMatchObject({ status: 503, json: { error: { code: 'gateway_stopped' } } });
    await control('startGateway');
    for (const variant of variants) expect((await send(variant)).status).toBe(200);
  });
});
