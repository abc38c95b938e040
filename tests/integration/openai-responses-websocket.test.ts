/** The Responses WebSocket through the official `openai` client's `ResponsesWS`, against the real gateway and the fake Google. */
import OpenAI from 'openai';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' } });
  client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

interface StreamEvent {
  type: string;
  delta?: string;
  response?: { id: string; status?: string };
  status?: number;
  error?: { code?: string | null; message?: string };
}

/** Opens a socket and sends `messages` one after the other, each once the previous turn has ended. */
async function converse(messages: Array<(previous: StreamEvent[]) => Record<string, unknown>>): Promise<StreamEvent[][]> {
  const socket = new ResponsesWS(client);
  const turns: StreamEvent[][] = [];
  try {
    for (const message of messages) {
      const events: StreamEvent[] = [];
      const ended = new Promise<void>((resolve, reject) => {
        const onEvent = (received: unknown) => {
          const event = received as StreamEvent;
          events.push(event);
          if (event.type === 'response.completed' || event.type === 'error' || event.type === 'response.failed') {
            socket.off('event', onEvent);
            resolve();
          }
        };
        socket.on('event', onEvent);
        socket.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
      });
      socket.send(message(turns.at(-1) ?? []) as unknown as Parameters<typeof socket.send>[0]);
      await ended;
      turns.push(events);
    }
  } finally {
    socket.close();
  }
  return turns;
}

const sentEnvelopes = () => world.fake.requestsTo('streamGenerateContent').map((request) => request.body as { request: { contents: Array<{ role: string; parts: Array<{ text?: string }> }> } });
const completedId = (events: StreamEvent[]) => events.find((event) => event.type === 'response.completed')?.response?.id ?? '';

describe('Responses over WebSocket', () => {
  it('streams a turn as the HTTP endpoint would, and logs it as one', async () => {
    const [events = []] = await converse([() => ({ type: 'response.create', model: 'gemini-3-flash', input: 'Say hi' })]);
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta).join('')).toContain('Hello from gemini-3-flash: Say hi');
    expect(world.logLines.some((line) => line.includes('POST /v1/responses 200') && line.includes('model=gemini-3-flash'))).toBe(true);
  });

  it("logs a turn with the socket client's address, not the gateway's own loopback hop; a forged address is ignored", async () => {
    // The client connects from 127.0.0.2, the gateway's own call to its endpoint comes from 127.0.0.1.
    const socket = new WebSocket(`${world.origin.replace('http', 'ws')}/v1/responses`, {
      headers: { authorization: `Bearer ${world.apiKey}` },
      localAddress: '127.0.0.2',
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'response.create', model: 'gemini-3-flash', input: 'where am I' })));
      socket.on('message', (data: Buffer) => {
        const type = (JSON.parse(data.toString()) as StreamEvent).type;
        if (type === 'response.completed') resolve();
        if (type === 'error' || type === 'response.failed') reject(new Error(data.toString()));
      });
      socket.on('error', reject);
    });
    socket.close();
    const monitor = world.gateway.monitor;
    const newestAddress = () => {
      const newest = monitor.queryLogs({ limit: 1 }).items[0];
      return newest === undefined ? undefined : monitor.getLog(newest.id)?.client_ip;
    };
    await expect.poll(newestAddress).toBe('127.0.0.2');

    // Someone else naming an address, with a made-up token, is logged with their own.
    const { response } = await client.responses
      .create({ model: 'gemini-3-flash', input: 'forged' }, { headers: { 'x-skyport-client-address': '6.6.6.6', 'x-skyport-internal': 'guess' } })
      .withResponse();
    await expect.poll(() => monitor.getLog(response.headers.get('x-request-id') ?? '')?.client_ip).toBe('127.0.0.1');
  });

  it('continues a conversation from an earlier turn of the socket with store:false, sending only the new input', async () => {
    const before = sentEnvelopes().length;
    const turns = await converse([
      () => ({ type: 'response.create', model: 'gemini-3-flash', store: false, input: 'My name is Ada.' }),
      (previous) => ({ type: 'response.create', model: 'gemini-3-flash', store: false, previous_response_id: completedId(previous), input: 'What is my name?' }),
    ]);
    expect(turns[1]?.at(-1)?.type).toBe('response.completed');
    const second = sentEnvelopes().slice(before)[1];
    const texts = (second?.request.contents ?? []).map((content) => `${content.role}: ${content.parts.map((part) => part.text ?? '').join('')}`);
    expect(texts).toEqual(['user: My name is Ada.', 'model: Hello from gemini-3-flash: My name is Ada.', 'user: What is my name?']);
  });

  it('answers a warm-up without calling the model, and builds the next turn on it', async () => {
    const before = sentEnvelopes().length;
    const turns = await converse([
      () => ({ type: 'response.create', model: 'gemini-3-flash', generate: false, input: [{ type: 'message', role: 'user', content: 'Context first.' }] }),
      (previous) => ({ type: 'response.create', model: 'gemini-3-flash', previous_response_id: completedId(previous), input: 'Now answer.' }),
    ]);
    expect(turns[0]?.map((event) => event.type)).toEqual(['response.created', 'response.completed']);
    const sent = sentEnvelopes().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.request.contents.map((content) => content.parts.map((part) => part.text))).toEqual([['Context first.', 'Now answer.']]);
  });

  it('sends a refused turn as an error message with its status, and keeps the socket open', async () => {
    const turns = await converse([
      () => ({ type: 'response.create', model: 'gemini-3-flash', previous_response_id: 'resp_unknown', input: 'x' }),
      () => ({ type: 'response.create', model: 'gemini-3-flash', input: 'Still there?' }),
    ]);
    expect(turns[0]).toEqual([
      expect.objectContaining({ type: 'error', status: 404, error: expect.objectContaining({ code: 'previous_response_not_found' }) }),
    ]);
    expect(turns[1]?.at(-1)?.type).toBe('response.completed');
  });

  it('closes the socket (1009) on a message over proxy.max_body_mb as soon as its frame header announces the size, before the payload arrives', async () => {
    await world.setSetting('proxy.max_body_mb', 1);
    const turnsBefore = world.logLines.filter((line) => line.includes('POST /v1/responses')).length;
    try {
      // A raw socket, so the frame can announce 2 MiB and then send only 16 bytes of it.
      const port = Number(new URL(world.origin).port);
      const socket = connect(port, '127.0.0.1');
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      socket.write(
        [
          'GET /v1/responses HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version: 13',
          `Authorization: Bearer ${world.apiKey}`,
          '',
          '',
        ].join('\r\n'),
      );
      await expect.poll(() => received.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(2 * 1024 * 1024), 2);
      socket.write(Buffer.concat([header, Buffer.alloc(16, 0x41)]));
      const closeFrame = () => {
        const text = received.toString('latin1');
        const start = text.indexOf('\r\n\r\n') + 4;
        return received.subarray(start);
      };
      await expect.poll(() => closeFrame().length).toBeGreaterThanOrEqual(4);
      expect(closeFrame()[0]).toBe(0x88); // a close frame
      expect(closeFrame().readUInt16BE(2)).toBe(1009); // Message Too Big
      socket.destroy();
      expect(world.logLines.filter((line) => line.includes('POST /v1/responses')).length).toBe(turnsBefore);
      await expect.poll(() => world.logLines.some((line) => line.includes('a message larger than 1 MiB (proxy.max_body_mb)'))).toBe(true);
    } finally {
      await world.setSetting('proxy.max_body_mb', 50);
    }
  });

  /** The handshake's HTTP answer, for one made with `headers`. */
  function handshake(headers: Record<string, string>, path = '/v1/responses'): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${world.origin.replace('http', 'ws')}${path}`, { headers });
      socket.on('open', () => {
        socket.close();
        resolve({ status: 101, body: '' });
      });
      socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      socket.on('error', (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    });
  }

  it('refuses a handshake without the key, with a bad key, from a foreign origin, with the key in the URL, or at another path', async () => {
    const key = { authorization: `Bearer ${world.apiKey}` };
    expect((await handshake(key)).status).toBe(101);
    expect((await handshake({ ...key }, '/responses')).status).toBe(101);
    const missing = await handshake({});
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { type: 'authentication_error', code: 'missing_api_key' } });
    expect((await handshake({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await handshake({ ...key, origin: 'https://evil.example' })).status).toBe(403);
    expect((await handshake(key, `/v1/responses?key=${world.apiKey}`)).status).toBe(400);
    expect((await handshake(key, '/v1/chat/completions')).status).toBe(404);
  });

  it('closes open sockets when the gateway stops listening', async () => {
    const socket = new WebSocket(`${world.origin.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    await new Promise((resolve) => socket.on('open', resolve));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await world.gateway.stop();
    expect(await closed).toBe(1001);
    await world.gateway.start();
  });
});
