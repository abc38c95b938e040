import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UpstreamFailure } from '../errors/gateway-error.js';
import { parseUpstreamError } from './parse-upstream-error.js';

interface ErrorFixture {
  status: number;
  now: string;
  headers?: Record<string, string>;
  /** The upstream body: JSON (sent pretty-printed, as Google does) or raw text. */
  body: unknown;
  expected: UpstreamFailure;
}

const fixtureDirectory = new URL('./__fixtures__/errors/', import.meta.url);
const fixtures = readdirSync(fixtureDirectory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, fixtureDirectory), 'utf8')) as ErrorFixture] as const);

describe('parseUpstreamError', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it.each(fixtures)('%s', (_name, fixture) => {
    const bodyText = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body, null, 2);
    expect(parseUpstreamError(fixture.status, bodyText, fixture.headers ?? {}, Date.parse(fixture.now))).toEqual(fixture.expected);
  });

  it('reads a one-element array of Status objects', () => {
    const body = JSON.stringify([{ error: { code: 429, message: 'Please retry in 44.097740004s.', status: 'RESOURCE_EXHAUSTED' } }]);
    expect(parseUpstreamError(429, body, {}, 0)).toEqual({ status: 429, rpcStatus: 'RESOURCE_EXHAUSTED', message: 'Please retry in 44.097740004s.', retryDelayMs: 44098 });
  });

  it('unwraps a Google Status stringified into the message', () => {
    const inner = JSON.stringify({ error: { code: 404, message: 'models/x is not found', status: 'NOT_FOUND' } });
    const body = JSON.stringify({ error: { code: 404, message: `[API Error: ${inner}]` } });
    expect(parseUpstreamError(404, body, {}, 0).message).toBe('models/x is not found');
  });

  it('accepts RetryInfo.retryDelay in the {seconds, nanos} form', () => {
    const body = JSON.stringify({
      error: { code: 429, message: 'slow down', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: { seconds: 2, nanos: 500_000_000 } }] },
    });
    expect(parseUpstreamError(429, body, {}, 0).retryDelayMs).toBe(2500);
  });

  it('reads an OAuth-style error body', () => {
    const body = JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(parseUpstreamError(400, body, {}, 0)).toEqual({ status: 400, reason: 'invalid_grant', message: 'Token has been expired or revoked.' });
  });

  it('does not flag signature wording on statuses other than 400', () => {
    const body = JSON.stringify({ error: { code: 500, message: 'Corrupted thought signature.' } });
    expect(parseUpstreamError(500, body, {}, 0).signatureError).toBeUndefined();
  });

  it('ignores a reset time already in the past for the delay but keeps it', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'Individual quota reached.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'QUOTA_EXHAUSTED', metadata: { quotaResetTimeStamp: '2025-01-01T00:00:00Z' } }],
      },
    });
    const failure = parseUpstreamError(429, body, {}, Date.parse('2025-06-01T00:00:00Z'));
    expect(failure.retryDelayMs).toBeUndefined();
    expect(failure.resetAt).toBe(Date.parse('2025-01-01T00:00:00Z'));
  });
});
