import { describe, expect, it } from 'vitest';
import type { GatewayErrorKind, UpstreamFailure } from '../errors/gateway-error.js';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyUpstreamError } from './classify-upstream-error.js';

interface Row {
  name: string;
  failure: UpstreamFailure;
  kind: GatewayErrorKind;
  status: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: RegExp;
}

const rows: Row[] = [
  {
    name: 'a refused client version, whatever the status, is a 426 naming the setting (never a 403 that parks the account)',
    failure: { status: 403, message: 'This version of Antigravity is no longer supported. Please update to receive the latest features!' },
    kind: 'upstream',
    status: 426,
    code: 'client_version_refused',
    message: /^Google refuses the client version Skyport presents; set upstream\.client_version to the current Antigravity version/,
  },
  {
    name: 'the "out of date" wording is the same refusal',
    failure: { status: 400, message: 'Your current version of Antigravity is out of date. Please visit https://antigravity.google/download to download and install the latest version.' },
    kind: 'upstream',
    status: 426,
    code: 'client_version_refused',
  },
  {
    name: '400 keeps the upstream message for the caller to fix',
    failure: { status: 400, message: "Invalid value at 'request.tools[0]'" },
    kind: 'invalid_request',
    status: 400,
    message: /^Invalid value at 'request\.tools\[0\]'$/,
  },
  {
    name: '401 is our account, not the caller',
    failure: { status: 401, message: 'Request had invalid authentication credentials.' },
    kind: 'upstream',
    status: 502,
    code: 'upstream_account_unauthorized',
    message: /account's credentials/,
  },
  {
    name: '403 validation required',
    failure: { status: 403, reason: 'VALIDATION_REQUIRED', validationUrl: 'https://example.com/v', message: 'Validation required to continue.' },
    kind: 'upstream',
    status: 502,
    code: 'upstream_account_forbidden',
    message: /verified in a browser/,
  },
  {
    name: '403 no license',
    failure: { status: 403, message: 'You do not have a valid license of this product' },
    kind: 'upstream',
    status: 502,
    message: /no valid license/,
  },
  {
    name: '403 API disabled',
    failure: { status: 403, reason: 'SERVICE_DISABLED', message: 'Cloud Code Private API has not been used in project 1 before or it is disabled.' },
    kind: 'upstream',
    status: 502,
    message: /API is disabled/,
  },
  {
    name: '403 anything else',
    failure: { status: 403, message: 'The caller does not have permission' },
    kind: 'upstream',
    status: 502,
    message: /refused the Google account \(HTTP 403\)/,
  },
  { name: '404', failure: { status: 404, message: 'Requested entity was not found.' }, kind: 'not_found', status: 404, code: 'model_not_found' },
  { name: '408', failure: { status: 408, message: 'timeout' }, kind: 'timeout', status: 504 },
  { name: '499', failure: { status: 499, message: 'Client Closed Request' }, kind: 'timeout', status: 504 },
  {
    name: '429 with a delay rounds up to seconds',
    failure: { status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 3958, message: 'reset after 3s' },
    kind: 'rate_limit',
    status: 429,
    retryAfterSeconds: 4,
  },
  {
    name: '429 with a sub-second delay asks for one second',
    failure: { status: 429, retryDelayMs: 0, message: 'reset after 0s' },
    kind: 'rate_limit',
    status: 429,
    retryAfterSeconds: 1,
  },
  { name: '429 without a delay', failure: { status: 429, message: 'Resource has been exhausted' }, kind: 'rate_limit', status: 429 },
  { name: '500', failure: { status: 500, message: 'Internal error encountered.' }, kind: 'upstream', status: 502 },
  { name: '502', failure: { status: 502, message: 'bad gateway' }, kind: 'upstream', status: 502 },
  { name: '504', failure: { status: 504, message: 'gateway timeout' }, kind: 'upstream', status: 502 },
  {
    name: '503 capacity with RetryInfo',
    failure: { status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', retryDelayMs: 40_000, message: 'No capacity available' },
    kind: 'overloaded',
    status: 503,
    retryAfterSeconds: 40,
  },
  { name: '529', failure: { status: 529, message: 'Overloaded' }, kind: 'overloaded', status: 503 },
  {
    name: 'network failure',
    failure: { status: 0, message: 'connect ECONNREFUSED 127.0.0.1:9' },
    kind: 'upstream',
    status: 502,
    message: /^Could not reach the upstream/,
  },
  { name: 'other 4xx', failure: { status: 412, message: 'Precondition Failed' }, kind: 'upstream', status: 502 },
  { name: '413', failure: { status: 413, message: 'Request Entity Too Large' }, kind: 'payload_too_large', status: 413 },
];

describe('classifyUpstreamError', () => {
  it.each(rows)('$name', (row) => {
    const error = classifyUpstreamError(row.failure);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.kind).toBe(row.kind);
    expect(error.status).toBe(row.status);
    expect(error.retryAfterSeconds).toBe(row.retryAfterSeconds);
    if (row.code !== undefined) expect(error.code).toBe(row.code);
    if (row.message !== undefined) expect(error.message).toMatch(row.message);
    expect(error.upstream?.status).toBe(row.failure.status);
    expect(error.upstream?.reason).toBe(row.failure.reason);
  });

  it('keeps the parsed failure for retry decisions', () => {
    const failure: UpstreamFailure = { status: 403, reason: 'VALIDATION_REQUIRED', validationUrl: 'https://example.com/v', message: 'x' };
    expect(classifyUpstreamError(failure).upstream).toEqual(failure);
  });

  it('never lets an account e-mail or token reach the message', () => {
    const error = classifyUpstreamError({
      status: 400,
      message: 'user someone.name+tag@gmail.com sent Bearer ya29.a0AfH6SMBx-secret and refresh 1//0gAbC-def',
    });
    expect(error.message).not.toMatch(/gmail|ya29|a0AfH6SMBx|1\/\/0g/);
    expect(error.upstream?.message).not.toMatch(/gmail|ya29/);
    for (const status of [0, 401, 403, 429, 500, 503]) {
      expect(classifyUpstreamError({ status, message: 'for a@b.example token ya29.xyz' }).message).not.toMatch(/a@b|ya29/);
    }
  });
});
