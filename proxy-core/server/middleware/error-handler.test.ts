import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { createErrorHandler, readClientError } from './error-handler.js';
import { createRequestContext } from './request-context.js';

describe('readClientError', () => {
  it('leaves GatewayErrors, non-objects and errors without a 4xx status to the bug path', () => {
    expect(readClientError(new GatewayError('invalid_request', 'x'))).toBeUndefined();
    expect(readClientError('boom')).toBeUndefined();
    expect(readClientError(null)).toBeUndefined();
    expect(readClientError(new Error('plain'))).toBeUndefined();
    expect(readClientError(Object.assign(new Error('server'), { status: 500 }))).toBeUndefined();
    expect(readClientError(Object.assign(new Error('redirect'), { status: 399 }))).toBeUndefined();
    expect(readClientError(Object.assign(new Error('text'), { status: '400' }))).toBeUndefined();
    // A status on an error that is neither http-errors' (marked `expose`) nor the router's URIError
    // is someone's bug (an unclassified upstream answer, say), not the client's mistake.
    expect(readClientError(Object.assign(new Error('upstream said 404'), { statusCode: 404 }))).toBeUndefined();
    expect(readClientError(Object.assign(new Error('internal detail'), { status: 400, expose: false }))).toBeUndefined();
  });

  it('answers a 404 from send as not found', () => {
    expect(readClientError(Object.assign(new Error('ENOENT'), { statusCode: 404, expose: true }))).toMatchObject({ kind: 'not_found', status: 404, code: 'not_found', message: 'Not found.' });
  });

  it('answers a broken %-escape in the path as malformed_path', () => {
    expect(readClientError(Object.assign(new URIError('URI malformed'), { status: 400 }))).toMatchObject({ kind: 'invalid_request', status: 400, code: 'malformed_path' });
  });

  it("shows http-errors' message (marked safe to show), keeping its status; the path hint only on a 400", () => {
    expect(readClientError(Object.assign(new Error('Range Not Satisfiable'), { status: 416, expose: true }))).toMatchObject({
      status: 416,
      code: 'malformed_request',
      message: 'Range Not Satisfiable.',
    });
    expect(readClientError(Object.assign(new Error('Bad Request'), { status: 400, expose: true }))?.message).toBe(
      'Bad Request: check the request path (no NUL bytes or broken %-escapes).',
    );
    expect(readClientError(Object.assign(new Error(''), { statusCode: 400, expose: true }))?.message).toMatch(/^Malformed request: /);
  });
});

describe('readClientError, the limits of a client error', () => {
  const exposed = (status: unknown, extra: Record<string, unknown> = {}) => Object.assign(new Error('Some Error'), { status, expose: true }, extra);

  it('takes only 4xx statuses, even from http-errors', () => {
    expect(readClientError(exposed(399))).toBeUndefined();
    expect(readClientError(exposed(500))).toBeUndefined();
    expect(readClientError(exposed('400'))).toBeUndefined();
    expect(readClientError(exposed(400))).toMatchObject({ status: 400, code: 'malformed_request' });
    expect(readClientError(exposed(499))).toMatchObject({ status: 499, code: 'malformed_request', message: 'Some Error.' });
  });

  it('reads statusCode when status is not a number', () => {
    expect(readClientError(Object.assign(new Error('Not Found'), { status: '404', statusCode: 404, expose: true }))).toMatchObject({ code: 'not_found' });
    expect(readClientError(Object.assign(new Error('Server'), { statusCode: 503, expose: true }))).toBeUndefined();
  });

  it('leaves a GatewayError and anything that is not an object alone, whatever it carries', () => {
    expect(readClientError(Object.assign(new GatewayError('invalid_request', 'x'), { expose: true }))).toBeUndefined();
    expect(readClientError(Object.assign(() => {}, { status: 400, expose: true }))).toBeUndefined();
  });

  it('says what a malformed path is', () => {
    expect(readClientError(Object.assign(new URIError('URI malformed'), { status: 400 }))?.message).toBe(
      'The request path is not valid URL encoding (a "%" must be followed by two hex digits of UTF-8).',
    );
  });

  it('falls back to "Malformed request" for an error without a message to show', () => {
    expect(readClientError({ status: 400, expose: true })).toMatchObject({
      kind: 'invalid_request',
      message: 'Malformed request: check the request path (no NUL bytes or broken %-escapes).',
    });
    expect(readClientError({ status: 416, expose: true, message: 42 })?.message).toBe('Malformed request.');
  });
});

describe('createErrorHandler', () => {
  const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  async function serveThrowing(error: unknown, logged: string[]): Promise<string> {
    const app = express();
    app.use(createRequestContext({ logger: { info: () => {}, debug: () => {} } }));
    app.get('/boom', () => {
      throw error;
    });
    app.use(createErrorHandler({ logger: { error: (message) => logged.push(message) } }));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`;
  }

  it('answers a client error as a 4xx without logging it as a bug', async () => {
    const logged: string[] = [];
    const response = await fetch(await serveThrowing(Object.assign(new URIError('URI malformed'), { status: 400 }), logged));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'malformed_path' } });
    expect(logged).toEqual([]);
  });

  it('answers a GatewayError with its own status, unlogged', async () => {
    const logged: string[] = [];
    const response = await fetch(await serveThrowing(new GatewayError('invalid_request', 'Bad field.', { code: 'bad_field' }), logged));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: 'Bad field.', code: 'bad_field' } });
    expect(logged).toEqual([]);
  });

  it('answers anything else as a 500 and logs it as a bug, with its stack', async () => {
    const logged: string[] = [];
    const response = await fetch(await serveThrowing(new Error('kaboom'), logged));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('kaboom');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Unexpected error: Error: kaboom\n\s+at /);
    const thrownString: string[] = [];
    expect((await fetch(await serveThrowing('a string', thrownString))).status).toBe(500);
    expect(thrownString).toEqual(['Unexpected error: a string']);
  });
});
