import { describe, expect, it } from 'vitest';
import { GatewayError, toGatewayError, type GatewayErrorKind } from '../../errors/gateway-error.js';
import { renderOpenAIError } from './render-openai-error.js';

describe('renderOpenAIError', () => {
  it.each<[GatewayErrorKind, number, string, string | null]>([
    ['invalid_request', 400, 'invalid_request_error', null],
    ['authentication', 401, 'authentication_error', 'invalid_api_key'],
    ['permission', 403, 'permission_error', null],
    ['not_found', 404, 'not_found_error', null],
    ['payload_too_large', 413, 'invalid_request_error', 'request_too_large'],
    ['rate_limit', 429, 'rate_limit_error', 'rate_limit_exceeded'],
    ['overloaded', 503, 'service_unavailable_error', 'overloaded'],
    ['no_account', 503, 'service_unavailable_error', 'no_account_available'],
    ['upstream', 502, 'upstream_error', null],
    ['timeout', 504, 'timeout_error', 'timeout'],
    ['internal', 500, 'server_error', null],
  ])('%s -> %i %s', (kind, status, type, code) => {
    const rendered = renderOpenAIError(new GatewayError(kind, 'Something happened.'));
    expect(rendered.status).toBe(status);
    expect(rendered.headers).toEqual({});
    expect(rendered.body).toEqual({
      error: { message: kind === 'internal' ? 'Internal gateway error' : 'Something happened.', type, code, param: null },
    });
  });

  it('passes the param and a specific code through', () => {
    const rendered = renderOpenAIError(
      new GatewayError('not_found', "The model 'gpt-9' does not exist.", { code: 'model_not_found', param: 'model' }),
    );
    expect(rendered.body.error).toEqual({ message: "The model 'gpt-9' does not exist.", type: 'not_found_error', code: 'model_not_found', param: 'model' });
  });

  it('sets Retry-After in whole seconds, at least 1', () => {
    expect(renderOpenAIError(new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 12.2 })).headers).toEqual({ 'Retry-After': '13' });
    expect(renderOpenAIError(new GatewayError('overloaded', 'Busy.', { retryAfterSeconds: 0 })).headers).toEqual({ 'Retry-After': '1' });
  });

  it('never shows the cause, stack or message of an internal error', () => {
    const secret = new Error('ENOENT: /home/me/.skyport/accounts.json token=ya29.secret');
    for (const error of [toGatewayError(secret), new GatewayError('internal', secret.message, { cause: secret })]) {
      const text = JSON.stringify(renderOpenAIError(error));
      expect(text).not.toContain('ya29');
      expect(text).not.toContain('/home/me');
      expect(text).not.toContain('at ');
    }
  });
});
