import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { generatePath, groupChunksByFlush, parseChunks, parseRequest, startCheapUpstream, type CheapUpstream } from '../../bench/cheap-upstream.js';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

const EMAIL = 'bench@example.com';
const REFRESH = '1//bench-refresh';

let google: FakeGoogle;
let upstream: CheapUpstream;

beforeEach(async () => {
  google = await startFakeGoogle();
  google.addAccount({ email: EMAIL, refreshToken: REFRESH, projectId: 'proj-bench', tier: 'standard-tier' });
  upstream = await startCheapUpstream(google.baseUrl);
});

afterEach(async () => {
  await upstream.close();
  await google.close();
});

async function accessToken(): Promise<string> {
  const response = await fetch(google.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: REFRESH, client_id: 'c', client_secret: 's' }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const envelope = JSON.stringify({
  project: 'proj-bench',
  model: 'gemini-3-flash',
  requestId: 'agent-1',
  userAgent: 'antigravity',
  requestType: 'agent',
  request: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
});

/** A raw exchange, so the test sees the bytes and the socket reads as a proxy would. */
async function raw(origin: string, body: string, token: string): Promise<{ head: string[]; chunks: Buffer[] }> {
  const url = new URL(origin);
  const socket = connect(Number(url.port), url.hostname);
  const payload = Buffer.from(body);
  socket.write(
    `POST ${generatePath} HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n\r\n`,
  );
  socket.write(payload);
  const received: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (piece: Buffer) => {
      received.push(piece);
      const all = Buffer.concat(received);
      const headEnd = all.indexOf('\r\n\r\n');
      const body = headEnd < 0 ? undefined : parseChunks(all, headEnd + 4);
      if (body instanceof Error) reject(body);
      else if (body !== undefined) resolve();
    });
    socket.on('error', reject);
  });
  socket.destroy();
  const all = Buffer.concat(received);
  const headEnd = all.indexOf('\r\n\r\n');
  const parsed = parseChunks(all, headEnd + 4) as { chunks: Buffer[] };
  return { head: all.toString('latin1', 0, headEnd).split('\r\n'), chunks: parsed.chunks };
}

const names = (head: string[]): string[] => head.slice(1).map((line) => line.slice(0, line.indexOf(':')));

describe('cheap upstream', () => {
  it('passes every call through to the fake until it has captured an answer, then answers generation calls with the fake\'s bytes', async () => {
    const token = await accessToken();
    const pool = new Pool(upstream.baseUrl, { connections: 1 });
    try {
      const before = await pool.request({ path: generatePath, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: envelope });
      expect(before.statusCode).toBe(200);
      expect(await before.body.text()).toContain('"finishReason"');
      expect(upstream.answered()).toBe(0);
      expect(google.requestsTo('streamGenerateContent')).toHaveLength(1);

      const captured = await upstream.capture({ headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: envelope });
      expect(captured.status).toBe(200);
      expect(google.requestsTo('streamGenerateContent')).toHaveLength(2);

      // Three calls on one keep-alive connection: each gets the captured body, and the fake sees none of them.
      for (let index = 0; index < 3; index += 1) {
        const answer = await pool.request({ path: generatePath, method: 'POST', headers: { 'content-type': 'application/json' }, body: envelope });
        expect(answer.statusCode).toBe(200);
        expect(answer.headers['content-type']).toBe('text/event-stream');
        expect(answer.headers.server).toBe('ESF');
        expect(Buffer.from(await answer.body.arrayBuffer()).equals(captured.body)).toBe(true);
      }
      expect(upstream.answered()).toBe(3);
      expect(google.requestsTo('streamGenerateContent')).toHaveLength(2);

      // Everything else still reaches the fake.
      const load = await pool.request({ path: '/v1internal:loadCodeAssist', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(load.statusCode).toBe(200);
      expect(((await load.body.json()) as { cloudaicompanionProject?: unknown }).cloudaicompanionProject).toBeDefined();
      const refused = await pool.request({ path: '/v1internal:loadCodeAssist', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.statusCode).toBe(401);
      await refused.body.dump();
    } finally {
      await pool.close();
    }
  });

  it('puts the same head (header names in order) and the same chunks on the wire as the fake', async () => {
    const token = await accessToken();
    await upstream.capture({ headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: envelope });
    const fromFake = await raw(google.baseUrl, envelope, token);
    const fromCheap = await raw(upstream.baseUrl, envelope, token);
    expect(fromCheap.head[0]).toBe('HTTP/1.1 200 OK');
    expect(names(fromCheap.head)).toEqual(names(fromFake.head));
    expect(fromCheap.head.find((line) => line.startsWith('Date: '))).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    // The fake's events carry a fresh trace id per call, so compare lengths and flush structure, not text.
    expect(fromCheap.chunks.map((chunk) => chunk.length)).toEqual(fromFake.chunks.map((chunk) => chunk.length));
    expect(groupChunksByFlush(fromCheap.chunks).map((group) => group.length)).toEqual(groupChunksByFlush(fromFake.chunks).map((group) => group.length));
  });

  it('refuses to capture an answer that is not a 200', async () => {
    await expect(upstream.capture({ headers: { 'content-type': 'application/json' }, body: envelope })).rejects.toThrow(/401/);
  });
});

describe('parseRequest', () => {
  it('reads a Content-Length request and waits for the rest of a partial one', () => {
    const bytes = Buffer.from('POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET');
    const parsed = parseRequest(bytes);
    expect(parsed).toMatchObject({ request: { method: 'POST', target: '/x', headers: { host: 'a', 'content-length': '5' } }, used: bytes.length - 3 });
    expect((parsed as { request: { body: Buffer } }).request.body.toString()).toBe('hello');
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel'))).toBeUndefined();
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\nContent-Length: 5\r\n'))).toBeUndefined();
  });

  it('reads a chunked request body', () => {
    const parsed = parseRequest(Buffer.from('POST /x HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n'));
    expect((parsed as { request: { body: Buffer } }).request.body.toString()).toBe('abcde');
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n'))).toBeUndefined();
  });

  it('refuses what it does not parse', () => {
    expect(parseRequest(Buffer.from('POST /x HTTP/1.0\r\n\r\n'))).toBeInstanceOf(Error);
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n'))).toBeInstanceOf(Error);
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n'))).toBeInstanceOf(Error);
    expect(parseRequest(Buffer.from('POST /x HTTP/1.1\r\nno colon\r\n\r\n'))).toBeInstanceOf(Error);
  });
});

describe('groupChunksByFlush', () => {
  it('ends a flush after a chunk that cuts an event', () => {
    const chunks = ['data: a\n\n', 'data: b', '\n\n', 'data: c\r\n\r\n', 'data: d\r\n', '\r\n'].map((text) => Buffer.from(text));
    expect(groupChunksByFlush(chunks).map((group) => group.map((chunk) => chunk.toString()))).toEqual([
      ['data: a\n\n', 'data: b'],
      ['\n\n', 'data: c\r\n\r\n', 'data: d\r\n'],
      ['\r\n'],
    ]);
  });
});
