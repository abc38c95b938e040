import { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptRecord } from '../../execution/run-generation.js';
import type { CompletedRequest, RequestState } from '../../monitor/completed-request.js';
import { requestState } from '../request-state.js';
import { beginRequest, createRequestContext, formatAttemptLines, formatRequestLogLine, type RequestContextOptions } from './request-context.js';

const baseState = (overrides: Partial<RequestState> = {}): RequestState => ({ requestId: 'req_1', startedAt: 1_000, protocol: 'openai', attempts: [], ...overrides });
const attempt = (overrides: Partial<AttemptRecord>): AttemptRecord => ({ accountEmail: 'a@example.com', outcome: 'ok', waitedMs: 0, skipped: [], ...overrides });

describe('formatRequestLogLine', () => {
  it('says method, path, status, duration and id for a request that reached no model', () => {
    expect(formatRequestLogLine('GET', '/v1/models', 200, baseState(), 1_042)).toBe('GET /v1/models 200 42ms id=req_1');
  });

  it('adds the model (and what it was mapped to), the account, the attempts when retried, and the error', () => {
    const state = baseState({
      model: 'gpt-4o',
      mappedModel: 'gemini-2.5-pro',
      accountEmail: 'a@example.com',
      attempts: [attempt({ outcome: 'failed' }), attempt({})],
      errorMessage: 'Quota "exhausted"',
    });
    expect(formatRequestLogLine('POST', '/v1/chat/completions', 429, state, 3_500)).toBe(
      'POST /v1/chat/completions 429 2500ms model=gpt-4o->gemini-2.5-pro account=a@example.com attempts=2 id=req_1 error="Quota \\"exhausted\\""',
    );
  });

  it('names a model mapped to itself (or not mapped) once, and leaves out a single attempt', () => {
    const line = (mappedModel: string | undefined) =>
      formatRequestLogLine('POST', '/v1/messages', 200, baseState({ model: 'claude-sonnet-4-5', mappedModel, attempts: [attempt({})] }), 1_000);
    expect(line('claude-sonnet-4-5')).toBe('POST /v1/messages 200 0ms model=claude-sonnet-4-5 id=req_1');
    expect(line(undefined)).toBe('POST /v1/messages 200 0ms model=claude-sonnet-4-5 id=req_1');
  });

  it('cuts the error to 200 characters', () => {
    const line = formatRequestLogLine('POST', '/v1/messages', 500, baseState({ errorMessage: 'x'.repeat(300) }), 1_000);
    expect(line).toBe(`POST /v1/messages 500 0ms id=req_1 error="${'x'.repeat(200)}"`);
  });
});

describe('formatAttemptLines', () => {
  it('lists the failed attempts and those that passed accounts over, numbered, with status, rule and who was skipped', () => {
    const state = baseState({
      requestId: 'req_9',
      attempts: [
        attempt({ accountEmail: 'a@example.com', outcome: 'failed', status: 429, rule: 'quota_exhausted' }),
        attempt({ accountEmail: 'b@example.com', outcome: 'failed' }),
        attempt({
          accountEmail: 'c@example.com',
          outcome: 'ok',
          status: 200,
          skipped: [
            { email: 'a@example.com', reason: 'cooldown' },
            { email: 'd@example.com', reason: 'quota' },
          ] as AttemptRecord['skipped'],
        }),
      ],
    });
    expect(formatAttemptLines(state)).toEqual([
      '  attempt 1 id=req_9 account=a@example.com 429 quota_exhausted',
      '  attempt 2 id=req_9 account=b@example.com -',
      '  attempt 3 id=req_9 account=c@example.com ok skipped: a@example.com (cooldown), d@example.com (quota)',
    ]);
  });

  it('lists nothing for a request that succeeded at once', () => {
    expect(formatAttemptLines(baseState({ attempts: [attempt({ status: 200 })] }))).toEqual([]);
  });
});

/** A response that closes when told to: enough for beginRequest's bookkeeping. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  writableFinished = false;
  headersSent = false;
  readonly headers = new Map<string, string>();
  setHeader(name: string, value: string): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }
}

function recorder() {
  const info: string[] = [];
  const debug: string[] = [];
  const completed: CompletedRequest[] = [];
  let time = Date.UTC(2026, 11, 7);
  const options: RequestContextOptions = {
    logger: { info: (line) => info.push(line), debug: (line) => debug.push(line) },
    now: () => time,
    onComplete: (record) => completed.push(record),
  };
  return { info, debug, completed, options, advance: (ms: number) => (time += ms), at: () => time };
}

describe('beginRequest', () => {
  it('starts the record with a time-ordered id, sent as X-Request-Id, and the protocol of the path', () => {
    const { options, at } = recorder();
    const response = new FakeResponse();
    const state = beginRequest({ method: 'POST', headers: {}, socket: {} } as IncomingMessage, response as unknown as ServerResponse, '/v1/messages', options);
    expect(state).toEqual({ requestId: expect.stringMatching(/^req_[0-9a-f]{32}$/), startedAt: at(), protocol: 'anthropic', attempts: [] });
    expect(state.requestId.slice(4, 16)).toBe(at().toString(16).padStart(12, '0'));
    expect(response.getHeader('X-Request-Id')).toBe(state.requestId);
    expect(requestState(response as unknown as ServerResponse)).toBe(state);
    expect(beginRequest({ method: 'POST', headers: {}, socket: {} } as IncomingMessage, new FakeResponse() as unknown as ServerResponse, '/v1beta/models', options).protocol).toBe('gemini');
  });

  it('logs one line when the response closes, the attempt lines at debug, and hands over the completed record once', () => {
    const { options, info, debug, completed, advance, at } = recorder();
    const response = new FakeResponse();
    const request = { method: 'POST', headers: {}, socket: { remoteAddress: '192.168.1.50' } } as unknown as IncomingMessage;
    const state = beginRequest(request, response as unknown as ServerResponse, '/v1/chat/completions', options);
    state.attempts.push(attempt({ outcome: 'failed', status: 503, rule: 'capacity' }), attempt({ accountEmail: 'b@example.com' }));
    state.accountEmail = 'b@example.com';
    expect(info).toEqual([]);
    advance(250);
    response.statusCode = 201;
    response.headersSent = true;
    response.writableFinished = true;
    response.setHeader('Content-Type', 'text/event-stream');
    response.emit('close');
    response.emit('close');
    expect(info).toEqual([`POST /v1/chat/completions 201 250ms account=b@example.com attempts=2 id=${state.requestId}`]);
    expect(debug).toEqual([`  attempt 1 id=${state.requestId} account=a@example.com 503 capacity`]);
    expect(completed).toEqual([
      {
        method: 'POST',
        path: '/v1/chat/completions',
        status: 201,
        endedAt: at(),
        clientIp: '192.168.1.50',
        finished: true,
        headersSent: true,
        contentType: 'text/event-stream',
        state,
      },
    ]);
  });

  it('records a client that went away before any answer, and a request without a method as GET', () => {
    const { options, info, debug, completed } = recorder();
    const response = new FakeResponse();
    const state = beginRequest({ headers: {}, socket: {} } as IncomingMessage, response as unknown as ServerResponse, '/v1/models', options);
    response.emit('close');
    expect(info).toEqual([`GET /v1/models 200 0ms id=${state.requestId}`]);
    expect(debug).toEqual([]);
    expect(completed[0]).toMatchObject({ method: 'GET', clientIp: undefined, finished: false, headersSent: false, contentType: undefined });
  });

  it('works without onComplete', () => {
    const { options, info } = recorder();
    const response = new FakeResponse();
    beginRequest({ method: 'GET', headers: {}, socket: {} } as IncomingMessage, response as unknown as ServerResponse, '/healthz', { logger: options.logger, now: options.now });
    response.emit('close');
    expect(info).toHaveLength(1);
  });
});

describe('createRequestContext', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
    server = undefined;
  });

  it('records a real exchange by its path without the query, and goes on', async () => {
    const { options, completed } = recorder();
    const context = createRequestContext(options);
    const next = vi.fn();
    server = createServer((request, response) => {
      const expressRequest = Object.assign(request, { path: (request.url ?? '').split('?')[0] }) as unknown as Request;
      context(expressRequest, response as unknown as Response, next);
      response.setHeader('Content-Type', 'application/json');
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const requestId = await new Promise<string | undefined>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/v1/models?key=secret', agent: false }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.headers['x-request-id'] as string | undefined));
      })
        .on('error', reject)
        .end();
    });
    expect(next).toHaveBeenCalledWith();
    await expect.poll(() => completed.length).toBe(1);
    expect(completed[0]).toMatchObject({ method: 'GET', path: '/v1/models', status: 200, clientIp: '127.0.0.1', finished: true, headersSent: true, contentType: 'application/json' });
    expect(completed[0]?.state.requestId).toBe(requestId);
  });
});
