/**
 * The listener's own limits against the real server: a client that trickles its headers or body
 * is cut off (slowloris) while a long streamed answer is not, and a malformed path is a 4xx JSON
 * answer with no stack trace in the log. The limits are shortened here (GatewayOptions.listenerLimits);
 * the defaults are in server/listen-http.ts.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

const limits = { headersTimeoutMs: 300, requestTimeoutMs: 800, checkIntervalMs: 50 };
let world: TestGateway;
let port: number;

beforeAll(async () => {
  world = await startTestGateway({ listenerLimits: limits, settings: { 'proxy.auth_mode': 'strict' } });
  port = Number(new URL(world.origin).port);
});
afterAll(async () => {
  await world.close();
});

/** A raw connection: what the server sent, and whether it has closed the connection. */
function rawConnection(): { socket: Socket; received: () => string; closed: () => boolean } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let ended = false;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('close', () => (ended = true));
  socket.on('error', () => (ended = true));
  return { socket, received: () => text, closed: () => ended };
}

describe('slow clients', () => {
  it('closes a connection whose headers never end, with 408', async () => {
    const connection = rawConnection();
    connection.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    const started = Date.now();
    await expect.poll(connection.closed, { timeout: 5_000, interval: 50 }).toBe(true);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    // Cut near the headers limit, well before the whole-request limit would have.
    expect(Date.now() - started).toBeLessThan(limits.requestTimeoutMs + 1_000);
  });

  it('closes a connection that trickles its body past the request limit, though bytes keep coming', async () => {
    const connection = rawConnection();
    connection.socket.write(
      [
        'POST /v1/chat/completions HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Authorization: Bearer ${world.apiKey}`,
        'Content-Type: application/json',
        'Content-Length: 10000',
        '',
        '{"model":',
      ].join('\r\n'),
    );
    const trickle = setInterval(() => {
      if (!connection.closed()) connection.socket.write(' ');
    }, 100);
    try {
      await expect.poll(connection.closed, { timeout: 5_000, interval: 50 }).toBe(true);
    } finally {
      clearInterval(trickle);
    }
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(world.fake.requestsTo('streamGenerateContent').length).toBe(0);
  });

  it('keeps a streamed answer open far past the request limit once the request has arrived', async () => {
    const abort = new AbortController();
    const response = await fetch(`${world.origin}/api/admin/events?types=settings`, { headers: { authorization: `Bearer ${world.adminToken}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // Past both limits and several deadline checks, then an event must still come through.
    await new Promise((resolve) => setTimeout(resolve, limits.requestTimeoutMs * 2));
    await world.setSetting('proxy.request_timeout_s', 321);
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('321')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    expect(text).toContain('event: settings');
    expect(text).toContain('321');
  });
});

describe('malformed paths', () => {
  function get(path: string, credential: string): Promise<{ status: number; contentType: string; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { authorization: `Bearer ${credential}` } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('answers 400/404 JSON in the caller’s protocol, never a 500, and logs no stack trace', async () => {
    const cases: Array<[string, string]> = [
      ['/console/x%00', world.apiKey],
      ['/console/%E0%A4%A', world.apiKey],
      ['/%E0%A4%A', world.apiKey],
      ['/v1/models/%E0%A4%A', world.apiKey],
      ['/v1beta/models/%ZZ:generateContent', world.apiKey],
      ['/api/admin/accounts/%E0%A4%A/enable', world.adminToken],
      ['/api/admin/logs/%E0%A4%A', world.adminToken],
    ];
    for (const [path, credential] of cases) {
      const answer = await get(path, credential);
      expect({ path, status: answer.status }).toEqual({ path, status: expect.toSatisfy((status: number) => status === 400 || status === 404) });
      expect(answer.contentType).toContain('application/json');
      expect(JSON.parse(answer.body)).toHaveProperty('error');
    }
    // Gemini's error shape on a Gemini path.
    expect(JSON.parse((await get('/v1beta/models/%ZZ:generateContent', world.apiKey)).body)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(world.logLines.filter((line) => line.includes('Unexpected error'))).toEqual([]);
  });
});
