/**
 * The Accounts page's server side on the real gateway against the fake Google: one bulk call for
 * many accounts, labels, and the per-account proxy Test through a real HTTP CONNECT proxy.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
const accounts = Array.from({ length: 6 }, (_, i) => testAccount({ email: `bulk${i}@example.com`, quotas: { 'gemini-3-flash': { remainingFraction: 0.5 } } }));

/** A CONNECT-only proxy that counts the tunnels it opened and the hosts they went to. */
async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const server: Server = createHttpServer((_request, response) => {
    response.writeHead(405).end();
  });
  server.on('connect', (request, clientSocket, head) => {
    const [host, port] = String(request.url).split(':');
    tunnels.push(String(request.url));
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function refusedPort(): Promise<number> {
  const server = createTcpServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  world = await startTestGateway({ accounts, settings: { 'proxy.auth_mode': 'off' } });
});
afterAll(async () => {
  await world.close();
});

function admin(path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${world.origin}/api/admin${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${world.adminToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<any> => response.json();
const statusOf = async (email: string) => ((await json(await admin('/accounts'))).items as Array<{ email: string; status: string; labels: string[] }>).find((item) => item.email === email);

describe('POST /api/admin/accounts/bulk', () => {
  it('disables several accounts in one call with a result per email, and the file holds the change', async () => {
    const response = await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk0@example.com', 'BULK1@example.com', 'nobody@example.com'], action: 'disable' } });
    expect(response.status).toBe(200);
    expect((await json(response)).results).toEqual([
      { email: 'bulk0@example.com', ok: true, error: null },
      { email: 'bulk1@example.com', ok: true, error: null },
      { email: 'nobody@example.com', ok: false, error: 'No account nobody@example.com.' },
    ]);
    expect((await statusOf('bulk0@example.com'))?.status).toBe('disabled');
    expect((await statusOf('bulk2@example.com'))?.status).toBe('active');
    await world.gateway.accountStore.flush();
    const file = JSON.parse(await readFile(join(world.dataDir, 'accounts.json'), 'utf8')) as { accounts: Array<{ email: string; status: string }> };
    expect(file.accounts.filter((account) => account.status === 'disabled').map((account) => account.email)).toEqual(['bulk0@example.com', 'bulk1@example.com']);

    const enabled = await json(await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk0@example.com', 'bulk1@example.com'], action: 'enable' } }));
    expect(enabled.results.every((result: { ok: boolean }) => result.ok)).toBe(true);
    expect((await statusOf('bulk1@example.com'))?.status).toBe('active');
  });

  it('labels accounts in bulk and one by one; a label too long is a 400', async () => {
    await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk2@example.com', 'bulk3@example.com'], action: 'add_label', label: 'night-shift' } });
    expect((await statusOf('bulk2@example.com'))?.labels).toEqual(['night-shift']);
    const set = await admin('/accounts/bulk3@example.com/labels', { method: 'PUT', body: { labels: ['eu', ' night-shift ', 'EU'] } });
    expect(set.status).toBe(200);
    expect((await json(set)).item.labels).toEqual(['eu', 'night-shift']);
    const long = await admin('/accounts/bulk3@example.com/labels', { method: 'PUT', body: { labels: ['x'.repeat(41)] } });
    expect(long.status).toBe(400);
    expect(await json(long)).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('at most 40 characters') } });
    expect((await statusOf('bulk3@example.com'))?.labels).toEqual(['eu', 'night-shift']);
  });

  it('refreshes quotas of the selection through the fake Google', async () => {
    const before = world.fake.requestsTo('fetchAvailableModels').length;
    const body = await json(await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk4@example.com', 'bulk5@example.com'], action: 'refresh_quota' } }));
    expect(body.results).toEqual([
      { email: 'bulk4@example.com', ok: true, error: null },
      { email: 'bulk5@example.com', ok: true, error: null },
    ]);
    expect(world.fake.requestsTo('fetchAvailableModels').length).toBeGreaterThanOrEqual(before + 2);
  });

  it('refuses an unknown action or an empty list in the admin API error shape', async () => {
    const unknown = await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk0@example.com'], action: 'explode' } });
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('action') } });
    const empty = await admin('/accounts/bulk', { method: 'POST', body: { emails: [], action: 'disable' } });
    expect(empty.status).toBe(400);
  });

  it('removes the selection in one call', async () => {
    const body = await json(await admin('/accounts/bulk', { method: 'POST', body: { emails: ['bulk4@example.com', 'bulk5@example.com'], action: 'remove' } }));
    expect(body.results.map((result: { ok: boolean }) => result.ok)).toEqual([true, true]);
    const emails = (await json(await admin('/accounts'))).items.map((item: { email: string }) => item.email);
    expect(emails).toEqual(['bulk0@example.com', 'bulk1@example.com', 'bulk2@example.com', 'bulk3@example.com']);
  });
});

describe('POST /api/admin/accounts/:email/proxy/test', () => {
  it('refreshes the token and reads quotas through the proxy typed in, and reports the latency', async () => {
    const proxy = await startConnectProxy();
    try {
      const fakePort = new URL(world.fake.origin).port;
      const response = await admin('/accounts/bulk0@example.com/proxy/test', { method: 'POST', body: { url: proxy.url } });
      expect(response.status).toBe(200);
      const body = await json(response);
      expect(body).toMatchObject({ ok: true, step: null, proxy: proxy.url, error: null });
      expect(body.latency_ms).toBeGreaterThanOrEqual(0);
      expect(body.models).toBeGreaterThan(0);
      // Both calls went through the tunnel to the fake Google.
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
      expect(proxy.tunnels.every((target) => target === `127.0.0.1:${fakePort}`)).toBe(true);
      // Nothing was saved by a test.
      expect((await json(await admin('/accounts'))).items[0].upstream_proxy).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('tests the saved proxy (password masked in the answer) when no URL is given', async () => {
    const proxy = await startConnectProxy();
    try {
      const withPassword = proxy.url.replace('http://', 'http://me:hunter2@');
      expect((await admin('/accounts/bulk1@example.com/proxy', { method: 'PUT', body: { url: withPassword } })).status).toBe(200);
      const body = await json(await admin('/accounts/bulk1@example.com/proxy/test', { method: 'POST', body: {} }));
      expect(body).toMatchObject({ ok: true, proxy: proxy.url.replace('http://', 'http://me:***@') });
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
    } finally {
      await proxy.close();
      await admin('/accounts/bulk1@example.com/proxy', { method: 'PUT', body: { url: '' } });
    }
  });

  it('a dead proxy fails at the token refresh with the error and no secret', async () => {
    const port = await refusedPort();
    const response = await admin('/accounts/bulk2@example.com/proxy/test', { method: 'POST', body: { url: `http://me:hunter2@127.0.0.1:${port}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ ok: false, step: 'token_refresh', models: null, proxy: `http://me:***@127.0.0.1:${port}` });
    expect(body.error).toMatch(/\S/);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(accounts[2]?.refreshToken);
    expect(text).not.toMatch(/ya29\./);
  });

  it('refuses a URL that is not a proxy URL with a 400, and an unknown account with a 404', async () => {
    const bad = await admin('/accounts/bulk0@example.com/proxy/test', { method: 'POST', body: { url: 'ftp://proxy.example' } });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: { message: expect.stringContaining('Invalid proxy URL') } });
    expect((await admin('/accounts/nobody@example.com/proxy/test', { method: 'POST', body: {} })).status).toBe(404);
  });
});
