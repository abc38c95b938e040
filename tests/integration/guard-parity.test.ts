/**
 * One guard chain (server/middleware/ai-guard-chain.ts), three ways in: every refusal is the same
 * answer (status, body in the caller's protocol, Retry-After) whether the request is taken by the
 * direct path (exact route, plain JSON body), left to Express (a trailing slash, a text/plain
 * body), or is a Responses WebSocket handshake or turn. Which way each request went is recorded by
 * wrapping the real direct path, so a variant that silently changed sides would fail here too.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type * as AiFastPath from '../../proxy-core/server/ai-fast-path.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

/** Per request URL, whether the direct path took it (true) or left it to Express (false). */
const tookDirectly = new Map<string, boolean>();

vi.mock('../../proxy-core/server/ai-fast-path.js', async (importOriginal) => {
  const original = await importOriginal<typeof AiFastPath>();
  return {
    ...original,
    createAiFastPath: (options: Parameters<typeof original.createAiFastPath>[0]) => {
      const fastPath = original.createAiFastPath(options);
      return (...args: Parameters<typeof fastPath>) => {
        const taken = fastPath(...args);
        tookDirectly.set(args[0].url ?? '', taken);
        return taken;
      };
    },
  };
});

let world: TestGateway;
// The gateway's clock, held still while a case needs a Retry-After that does not drift.
let frozenAt: number | undefined;

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' }, now: () => frozenAt ?? Date.now() });
});
afterAll(async () => {
  await world.close();
});

interface Endpoint {
  protocol: string;
  path: string;
  body: (model: string) => unknown;
  headers?: Record<string, string>;
}

const endpoints: Endpoint[] = [
  { protocol: 'OpenAI chat', path: '/v1/chat/completions', body: (model) => ({ model, messages: [{ role: 'user', content: 'hi' }] }) },
  { protocol: 'OpenAI Responses', path: '/v1/responses', body: (model) => ({ model, input: 'hi' }) },
  {
    protocol: 'Anthropic',
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: (model) => ({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
  },
  { protocol: 'Gemini', path: '/v1beta/models/gemini-3-flash:generateContent', body: () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) },
];

interface Variant {
  name: string;
  direct: boolean;
  path: (path: string) => string;
  contentType: string;
}

const variants: Variant[] = [
  { name: 'direct path', direct: true, path: (path) => path, contentType: 'application/json' },
  { name: 'Express, trailing slash', direct: false, path: (path) => `${path}/`, contentType: 'application/json' },
  { name: 'Express, text/plain body', direct: false, path: (path) => path, contentType: 'text/plain' },
];

interface Attempt {
  key?: string | null;
  headers?: Record<string, string>;
  query?: string;
  model?: string;
  /** Bytes of padding in the body (a message of that length). */
  pad?: number;
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: unknown;
}

let sequence = 0;

async function post(endpoint: Endpoint, variant: Variant, attempt: Attempt): Promise<Answer> {
  const key = attempt.key === undefined ? world.apiKey : attempt.key;
  sequence += 1;
  // A distinct query per request, so the record of which way it went cannot mix two requests up.
  const url = `${variant.path(endpoint.path)}?n=${sequence}${attempt.query ?? ''}`;
  const body = endpoint.body(attempt.model ?? 'gemini-3-flash') as Record<string, unknown>;
  const response = await request(`${world.origin}${url}`, {
    method: 'POST',
    headers: {
      'content-type': variant.contentType,
      ...endpoint.headers,
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...attempt.headers,
    },
    body: JSON.stringify(attempt.pad === undefined ? body : { ...body, padding: 'x'.repeat(attempt.pad) }),
  });
  const text = await response.body.text();
  expect(tookDirectly.get(url), `${variant.name} ${url}`).toBe(variant.direct);
  const retryAfter = response.headers['retry-after'];
  return { status: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: JSON.parse(text) as unknown };
}

/** A Responses WebSocket handshake's answer: 101 when the socket opened, else the refusal. */
function handshake(attempt: Attempt): Promise<Answer> {
  const key = attempt.key === undefined ? world.apiKey : attempt.key;
  const url = `${world.origin.replace('http', 'ws')}/v1/responses${attempt.query === undefined ? '' : `?${attempt.query.slice(1)}`}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...attempt.headers } });
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101, retryAfter: undefined, body: undefined });
    });
    socket.on('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: JSON.parse(text) as unknown });
      });
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/**
 * One turn on a Responses WebSocket opened with the attempt's key: `between` runs once the socket
 * is open (a gateway stopped under an open socket), then the turn's error message, if any.
 */
function turn(attempt: Attempt, between?: () => Promise<unknown>): Promise<{ status: number; error: unknown } | 'completed'> {
  const key = attempt.key === undefined ? world.apiKey : attempt.key;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${world.origin.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${key}` } });
    const finish = (outcome: { status: number; error: unknown } | 'completed') => {
      socket.close();
      resolve(outcome);
    };
    socket.on('open', () => {
      void (between?.() ?? Promise.resolve()).then(
        () => socket.send(JSON.stringify({ type: 'response.create', model: attempt.model ?? 'gemini-3-flash', input: 'hi' })),
        reject,
      );
    });
    socket.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString()) as { type: string; status?: number; error?: unknown };
      if (event.type === 'error') finish({ status: event.status ?? 0, error: event.error });
      if (event.type === 'response.completed') finish('completed');
    });
    socket.on('unexpected-response', () => reject(new Error('the handshake was refused')));
    socket.on('error', reject);
  });
}

async function admin(path: string, body: unknown): Promise<unknown> {
  const response = await request(`${world.origin}/api/admin${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.body.json()) as unknown;
  expect(response.statusCode, JSON.stringify(json)).toBe(200);
  return json;
}

/** A named key made fresh (same name, so the same messages), for rules that keep state per key. */
async function freshKey(rules: Record<string, unknown>): Promise<string> {
  if (world.gateway.apiKeys.list().some((key) => key.name === 'parity')) await world.gateway.apiKeys.remove('parity');
  const { secret } = (await admin('/control/createKey', { name: 'parity', ...rules })) as { secret: string };
  return secret;
}

interface Case {
  name: string;
  status: number;
  /** Whether the WebSocket handshake meets this refusal too (the others are per message or per turn). */
  atHandshake: boolean;
  /**
   * Whether a turn on an open WebSocket meets it too, as its error message: with `before` run
   * before the socket opens (`setup-first`) or under the open socket (`open-first`).
   */
  atTurn?: 'setup-first' | 'open-first';
  /** Runs before each variant's attempt; its answer, if any, shapes the attempt. */
  before?: () => Promise<Attempt | void>;
  after?: () => Promise<void>;
  attempt?: Attempt;
  retryAfter?: string;
}

const cases: Case[] = [
  { name: 'a Host not allowed', status: 403, atHandshake: true, attempt: { headers: { host: 'rebind.example.com' } } },
  { name: 'a foreign browser Origin', status: 403, atHandshake: true, attempt: { headers: { origin: 'https://evil.example.com' } } },
  { name: 'no API key', status: 401, atHandshake: true, attempt: { key: null } },
  { name: 'a wrong API key', status: 401, atHandshake: true, attempt: { key: 'sk-wrong-wrong-wrong' } },
  {
    name: 'a key in ?key= while auth is off',
    status: 400,
    atHandshake: true,
    before: () => world.setSetting('proxy.auth_mode', 'off'),
    after: () => world.setSetting('proxy.auth_mode', 'strict'),
    attempt: { key: null, query: '&key=abc' },
  },
  {
    name: 'the gateway stopped',
    status: 503,
    atHandshake: true,
    atTurn: 'open-first',
    before: async () => void (await admin('/control/stopGateway', {})),
    after: async () => void (await admin('/control/startGateway', {})),
  },
  {
    name: 'a disabled named key',
    status: 401,
    atHandshake: true,
    before: async () => {
      const key = await freshKey({});
      await admin('/control/updateKey', { name: 'parity', disabled: true });
      return { key };
    },
  },
  {
    name: 'a body over proxy.max_body_mb',
    status: 413,
    atHandshake: false,
    before: () => world.setSetting('proxy.max_body_mb', 1),
    after: () => world.setSetting('proxy.max_body_mb', 50),
    attempt: { pad: 1024 * 1024 + 1 },
  },
  {
    name: 'a model outside the key’s allow-list',
    status: 403,
    atHandshake: false,
    atTurn: 'setup-first',
    before: async () => ({ key: await freshKey({ models: ['claude-*'] }) }),
  },
  {
    name: 'a key over its requests per minute',
    status: 429,
    atHandshake: false,
    atTurn: 'setup-first',
    retryAfter: '60',
    before: async () => {
      const key = await freshKey({ rpm: 1 });
      frozenAt = Date.now();
      // The minute's one request.
      const spent = await request(`${world.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      await spent.body.text();
      return { key };
    },
    after: async () => {
      frozenAt = undefined;
    },
  },
];

async function attemptFor(entry: Case): Promise<Attempt> {
  const prepared = (await entry.before?.()) ?? {};
  return { ...entry.attempt, ...prepared };
}

describe.each(endpoints)('$protocol: the same refusal whichever way the request comes in', (endpoint) => {
  it.each(cases)('$name', async (entry) => {
    const answers: Answer[] = [];
    for (const variant of variants) {
      const attempt = await attemptFor(entry);
      try {
        answers.push(await post(endpoint, variant, attempt));
      } finally {
        await entry.after?.();
      }
    }
    const [first] = answers as [Answer, ...Answer[]];
    expect(first.status, JSON.stringify(first.body)).toBe(entry.status);
    expect(first.retryAfter).toBe(entry.retryAfter);
    for (const [index, answer] of answers.entries()) expect(answer, variants[index]?.name).toEqual(first);

    if (endpoint.path === '/v1/responses' && entry.atHandshake) {
      const attempt = await attemptFor(entry);
      try {
        expect(await handshake(attempt)).toEqual(first);
      } finally {
        await entry.after?.();
      }
    }
    if (endpoint.path === '/v1/responses' && entry.atTurn !== undefined) {
      try {
        // A turn's refusal is the HTTP answer's status and error object (no headers on a socket).
        const expected = { status: first.status, error: (first.body as { error: unknown }).error };
        if (entry.atTurn === 'setup-first') expect(await turn(await attemptFor(entry))).toEqual(expected);
        else expect(await turn({ ...entry.attempt }, () => attemptFor(entry))).toEqual(expected);
      } finally {
        await entry.after?.();
      }
    }
  });
});

describe('a request that passes every guard', () => {
  it('is answered on all three ways, a handshake opens the socket and its turn completes', async () => {
    for (const variant of variants) expect((await post(endpoints[0] as Endpoint, variant, {})).status).toBe(200);
    expect((await handshake({})).status).toBe(101);
    expect(await turn({})).toBe('completed');
  });
});
