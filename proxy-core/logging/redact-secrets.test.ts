import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['key sk-0123456789abcdef0123456789abcdef used', 'key [redacted] used'],
    ['token ya29.a0AfH6SMBxyz-123 expired', 'token [redacted] expired'],
    ['refresh 1//0gAbCdEfGhIjKlMnOp stored', 'refresh [redacted] stored'],
    ['Authorization: Bearer abc.def', 'Authorization: Bearer [redacted]'],
    ['{"refresh_token":"xyz123"}', '{"refresh_token":"[redacted]"}'],
    ['client_secret=GOCSPX-abc&x=1', 'client_secret=[redacted]&x=1'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('POST /v1/chat/completions 200 12ms model=gpt-4o->gemini-3-flash')).toBe(
      'POST /v1/chat/completions 200 12ms model=gpt-4o->gemini-3-flash',
    );
  });

  it('is applied by the logger to every line', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), now: () => new Date(0) });
    logger.warn('refresh failed for 1//0gAbCdEfGhIjKlMnOp');
    logger.debug('hidden at info level');
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z WARN  refresh failed for [redacted]']);
  });
});
