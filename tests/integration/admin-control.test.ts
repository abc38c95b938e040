/** The ControlApi over HTTP (`POST /api/admin/control/<operation>`), as the web console calls it. */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;

beforeAll(async () => {
  world = await startTestGateway();
  await world.setSetting('proxy.auth_mode', 'off');
});
afterAll(async () => {
  await world.close();
});

const origin = () => `http://127.0.0.1:${world.gateway.status().port}`;

function call(operation: string, body?: unknown, credential: string | null = world.adminToken) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential !== null) headers.authorization = `Bearer ${credential}`;
  return fetch(`${origin()}/api/admin/control/${operation}`, {
    method: 'POST',
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json(response: Response): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return response.json();
}

describe('POST /api/admin/control/:operation', () => {
  it('needs the admin credential, on loopback too, with the AI routes open', async () => {
    const missing = await call('getStatus', {}, null);
    expect(missing.status).toBe(401);
    expect(await json(missing)).toMatchObject({ error: { type: 'authentication_error', code: 'missing_admin_credential' } });
    expect((await call('revealApiKey', {}, 'sk-wrong')).status).toBe(401);
    expect((await fetch(`${origin()}/v1/models`)).status).toBe(200);
  });

  it('answers 200 with the output JSON; an empty body is an empty input', async () => {
    const response = await call('getStatus');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ serving: true, listening: true, base_url: `${origin()}/v1`, auth_mode: 'off' });
  });

  it('answers 404 for an unknown operation', async () => {
    const response = await call('formatHardDrive', {});
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ error: { type: 'not_found_error', code: 'unknown_operation', message: expect.stringContaining('formatHardDrive') } });
    expect((await call('__proto__', {})).status).toBe(404);
  });

  it('answers 400 naming the field for bad input', async () => {
    const wrongType = await call('updateSettings', { proxy: { port: 'eighty' } });
    expect(wrongType.status).toBe(400);
    expect(await json(wrongType)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_input', param: 'proxy.port', message: expect.stringMatching(/^Invalid input for updateSettings: proxy\.port: /) },
    });
    const unknownField = await call('updateSettings', { proxy: { api_key: 'sk-mine-mine-mine' } });
    expect(unknownField.status).toBe(400);
    expect((await json(unknownField)).error.message).toMatch(/api_key/);
    const missing = await call('previewMapping', {});
    expect(missing.status).toBe(400);
    expect(await json(missing)).toMatchObject({ error: { param: 'model' } });
    const outOfRange = await call('updateSettings', { proxy: { port: 70000 } });
    expect(outOfRange.status).toBe(400);
    expect((await json(outOfRange)).error.message).toMatch(/proxy\.port/);
  });

  it('never sends the API key except through revealApiKey', async () => {
    const settings = await (await call('getSettings', {})).text();
    expect(settings).not.toContain(world.apiKey);
    expect(await json(await call('revealApiKey', {}))).toEqual({ api_key: world.apiKey });
  });

  it('stop from the console: AI routes 503, the console API keeps working and starts it again', async () => {
    expect(await json(await call('stopGateway', {}))).toMatchObject({ serving: false, listening: true });
    const refused = await fetch(`${origin()}/v1/models`);
    expect(refused.status).toBe(503);
    expect(await json(refused)).toMatchObject({ error: { code: 'gateway_stopped', message: 'Skyport is stopped; start it from the app or the console' } });
    expect((await fetch(`${origin()}/healthz`)).status).toBe(200);
    // The console page is still served (built once per run by tests/support/build-console-once.ts).
    const consolePage = await fetch(`${origin()}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<title>Skyport</title>');
    expect(await json(await call('startGateway', {}))).toMatchObject({ serving: true });
    expect((await fetch(`${origin()}/v1/models`)).status).toBe(200);
  });

  it('streams status, settings and accounts events on /api/admin/events', async () => {
    const abort = new AbortController();
    const response = await fetch(`${origin()}/api/admin/events?types=status,settings`, { headers: { authorization: `Bearer ${world.adminToken}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    try {
      await readUntil(/: connected/);
      await call('stopGateway', {});
      await readUntil(/event: status\ndata: \{[^\n]*"serving":false/);
      await call('updateSettings', { proxy: { request_timeout_s: 95 } });
      await readUntil(/event: settings\ndata: \{[^\n]*"request_timeout_s":95/);
      expect(text).not.toContain(world.apiKey);
    } finally {
      abort.abort();
      await call('startGateway', {});
      await call('updateSettings', { proxy: { request_timeout_s: 120 } });
    }
  });

  it('a port change asked over the old port is answered there, and the new port serves', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));

    const response = await call('updateSettings', { proxy: { port } });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ restarted: true, message: expect.stringContaining(`127.0.0.1:${port}/v1`) });
    expect(world.gateway.status().port).toBe(port);
    expect(await json(await call('getStatus', {}))).toMatchObject({ port, serving: true });
  });
});
