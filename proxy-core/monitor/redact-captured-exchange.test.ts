import { describe, expect, it } from 'vitest';
import { redactHeaders, redactRequestBody, redactResponseBody, truncateUtf8 } from './redact-captured-exchange.js';

describe('redactHeaders', () => {
  it('masks credential headers by name and secrets in the others', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer sk-abcdefabcdef',
        'x-api-key': 'anything',
        'x-goog-api-key': 'AIzaSomething',
        cookie: 'session=1',
        'user-agent': 'curl/8',
        'x-forwarded-token': 'ya29.a0AfH6SMBxyz-123',
        accept: ['a', 'b'] as unknown as string,
      }),
    ).toEqual({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'x-goog-api-key': '[redacted]',
      cookie: '[redacted]',
      'user-agent': 'curl/8',
      'x-forwarded-token': '[redacted]',
      accept: 'a, b',
    });
  });
});

describe('redactRequestBody', () => {
  it('masks secret-named fields at any depth and secret-looking text anywhere', () => {
    const text = redactRequestBody(
      { model: 'm', metadata: { apiKey: 'k-1', 'x-api-key': 'k-2', refresh_token: 't' }, messages: [{ content: 'use sk-0123456789abcdef please' }] },
      10_000,
    );
    expect(JSON.parse(text ?? '')).toEqual({
      model: 'm',
      metadata: { apiKey: '[redacted]', 'x-api-key': '[redacted]', refresh_token: '[redacted]' },
      messages: [{ content: 'use [redacted] please' }],
    });
  });

  it('masks before cutting, so a secret across the cut is not half kept', () => {
    const secret = 'sk-0123456789abcdef0123456789';
    const text = redactRequestBody({ prompt: `${'a'.repeat(29)} ${secret}` }, 50);
    expect(text).not.toContain('sk-01');
    expect(text).toMatch(/^\{"prompt":"a+ \[redac/);
  });

  it('returns null without a body', () => {
    expect(redactRequestBody(undefined, 100)).toBeNull();
  });
});

describe('truncateUtf8', () => {
  it('cuts on a byte budget without leaving half a character', () => {
    expect(truncateUtf8('héllo wörld', 100)).toBe('héllo wörld');
    expect(truncateUtf8('ééééé', 3)).toBe('é\n…[truncated: 10 bytes in all]');
  });
});

describe('redactResponseBody', () => {
  it('joins the chunks, masks and reports the full size when cut', () => {
    const chunks = [Buffer.from('data: {"token":"ya29.abc'), Buffer.from('def"}\n\n')];
    expect(redactResponseBody(chunks, 31, 1000)).toBe('data: {"token":"[redacted]"}\n\n');
    expect(redactResponseBody([Buffer.from('x'.repeat(20))], 5000, 10)).toBe(`${'x'.repeat(10)}\n…[truncated: 5000 bytes in all]`);
    expect(redactResponseBody([], 0, 10)).toBeNull();
  });
});
