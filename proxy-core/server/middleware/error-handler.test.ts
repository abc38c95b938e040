import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { readClientError } from './error-handler.js';

function httpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true });
}

describe('readClientError', () => {
  it("turns the router's undecodable path and send's refusals into 4xx answers", () => {
    const decode = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 });
    expect(readClientError(decode)).toMatchObject({ kind: 'invalid_request', status: 400, code: 'malformed_path' });
    expect(readClientError(httpError(400, 'Bad Request'))).toMatchObject({ status: 400, code: 'malformed_request', message: expect.stringContaining('NUL bytes') });
    expect(readClientError(httpError(404, 'Not Found'))).toMatchObject({ kind: 'not_found', status: 404 });
    expect(readClientError(httpError(416, 'Range Not Satisfiable'))).toMatchObject({ status: 416, message: 'Range Not Satisfiable.' });
  });

  it('leaves bugs as bugs: no status, a 5xx, or a status on an error not marked safe to show', () => {
    expect(readClientError(new Error('boom'))).toBeUndefined();
    expect(readClientError(httpError(500, 'Internal'))).toBeUndefined();
    expect(readClientError(Object.assign(new Error('upstream said 404'), { statusCode: 404 }))).toBeUndefined();
    expect(readClientError(new GatewayError('invalid_request', 'x'))).toBeUndefined();
  });
});
