/** Auth modes, model mapping and the request guards, through the official client where one applies. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;

beforeAll(async () => {
  world = await startTestGateway();
});
afterAll(async () => {
  await world.close();
});

function clientWith(apiKey: string) {
  return new OpenAI({ baseURL: world.baseUrl, apiKey, maxRetries: 0 });
}
const ask = (client: OpenAI) => client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });

describe('auth modes', () => {
  it('off: any key or none is served', async () => {
    await world.setSetting('proxy.auth_mode', 'off');
    const served = await ask(clientWith('wrong'));
    expect(served.choices[0]?.message.content).toBeTruthy();
    // No credential of any kind: no Authorization, x-api-key, x-goog-api-key or ?key=.
    const keyless = await fetch(`${world.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(keyless.status).toBe(200);
    expect(await keyless.json()).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant' } }] });
    expect((await fetch(`${world.baseUrl}/models`)).status).toBe(200);
    // A key in the URL is refused whatever the mode: it would end up in logs.
    const inUrl = await fetch(`${world.baseUrl}/models?key=anything`);
    expect(inUrl.status).toBe(400);
    expect(JSON.stringify(await inUrl.json())).toMatch(/not accepted/);
  });

  it('strict: the key is needed everywhere, health included', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    const error = await ask(clientWith('sk-wrong-key')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    await expect(ask(clientWith(world.apiKey))).resolves.toBeDefined();
    expect((await fetch(`${world.origin}/healthz`)).status).toBe(401);
    const missing = await fetch(`${world.baseUrl}/models`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'missing_api_key' } });
  });

  it('accepts the key as Bearer, x-api-key and x-goog-api-key, and never in the URL', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    const variants: Array<Record<string, string>> = [{ authorization: `Bearer ${world.apiKey}` }, { 'x-api-key': world.apiKey }, { 'x-goog-api-key': world.apiKey }];
    for (const headers of variants) {
      expect((await fetch(`${world.baseUrl}/models`, { headers })).status).toBe(200);
    }
    const inUrl = await fetch(`${world.baseUrl}/models?key=${world.apiKey}`);
    expect(inUrl.status).toBe(400);
    expect(JSON.stringify(await inUrl.json())).toMatch(/not accepted/);
  });

  it('all_except_health: health is public, the API is not', async () => {
    await world.setSetting('proxy.auth_mode', 'all_except_health');
    const health = await fetch(`${world.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    await expect(ask(clientWith('nope'))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('auto: open on loopback, keyed once LAN access is on', async () => {
    await world.setSetting('proxy.auth_mode', 'auto');
    await world.setSetting('proxy.allow_lan_access', false);
    await expect(ask(clientWith('anything'))).resolves.toBeDefined();
    await world.setSetting('proxy.allow_lan_access', true);
    await expect(ask(clientWith('anything'))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(ask(clientWith(world.apiKey))).resolves.toBeDefined();
    await world.setSetting('proxy.allow_lan_access', false);
    await world.setSetting('proxy.auth_mode', 'off');
  });
});

describe('model mapping', () => {
  it('applies exact, then wildcard, then default rules and says so in X-Mapped-Model', async () => {
    const client = clientWith(world.apiKey);
    await world.setSetting('proxy.custom_mapping', { 'gpt-4*': 'gemini-3-pro-high', 'gpt-4o': 'gemini-2.5-flash' });
    const cases: Array<[string, string]> = [
      ['gpt-4o', 'gemini-2.5-flash'],
      ['gpt-4-turbo', 'gemini-3-pro-high'],
      ['gpt-5-mini', 'gemini-3-flash'],
      ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ];
    for (const [requested, mapped] of cases) {
      const { data, response } = await client.chat.completions.create({ model: requested, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      expect(response.headers.get('x-mapped-model')).toBe(mapped);
      expect(data.model).toBe(requested);
      expect(data.choices[0]?.message.content).toContain(`Hello from ${mapped}`);
    }
    await world.setSetting('proxy.custom_mapping', {});
  });

  it('answers an unknown upstream model with a 404 in OpenAI shape', async () => {
    const error = await clientWith(world.apiKey)
      .chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-mapped-model')).toBe('no-such-model');
  });
});

describe('guards', () => {
  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('undici');
    const response = await request(`${world.baseUrl}/models`, { headers: { host: 'evil.example.com' } });
    expect(response.statusCode).toBe(403);
    expect(JSON.stringify(await response.body.json())).toMatch(/allowed_hosts/);
  });

  it('refuses other browser origins and sends no wildcard CORS', async () => {
    const foreign = await fetch(`${world.baseUrl}/models`, { headers: { origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    await world.setSetting('proxy.cors_origins', ['https://chat.example.com']);
    const listed = await fetch(`${world.baseUrl}/models`, { headers: { origin: 'https://chat.example.com' } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
    const preflight = await fetch(`${world.baseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://chat.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    await world.setSetting('proxy.cors_origins', []);
  });

  it('names the closest route when a client stacks paths', async () => {
    const response = await fetch(`${world.baseUrl}/chat/completions/responses`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('POST /v1/chat/completions');
    expect(body.error.message).toContain('must end in /v1');
    // The example address is where this gateway listens (a random port here), not the default 8045.
    expect(body.error.message).toContain(`(here ${world.baseUrl})`);
    expect(body.error.message).not.toContain('8045');
  });
});
