import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['key sk-0123456789abcdef0123456789abcdef used', 'key [redacted] used'],
    ['named skp_0123456789ab_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_012345 used', 'named [redacted] used'],
    ['token ya29.a0AfH6SMBxyz-123 expired', 'token [redacted] expired'],
    ['refresh 1//0gAbCdEfGhIjKlMnOp stored', 'refresh [redacted] stored'],
    ['Authorization: Bearer abc.def', 'Authorization: Bearer [redacted]'],
    ['{"refresh_token":"xyz123"}', '{"refresh_token":"[redacted]"}'],
    ['client_secret=GOCSPX-abc&x=1', 'client_secret=[redacted]&x=1'],
    ['gemini key AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q in use', 'gemini key [redacted] in use'],
    ['proxy socks5://me:hunter2@10.0.0.1:1080 refused', 'proxy socks5://me:[redacted]@10.0.0.1:1080 refused'],
    ['x-api-key: my-own-key-123', 'x-api-key: [redacted]'],
    ['x-goog-api-key=abc123', 'x-goog-api-key=[redacted]'],
    ['{"refreshToken":"opaque","accessToken":"opaque2","id_token":"t"}', '{"refreshToken":"[redacted]","accessToken":"[redacted]","id_token":"[redacted]"}'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  // Tokens glued to the text before them: no word boundary to anchor on.
  it.each([
    ['KEY_sk-0123456789abcdef0123456789abcdef', 'KEY_[redacted]'],
    ['tokenya29.a0AfH6SMBxyz-123456', 'token[redacted]'],
    ['rt=x1//0gAbCdEfGhIjKlMnOpQrStUvWxYz', 'rt=x[redacted]'],
    ['secretGOCSPX-abcdef', 'secret[redacted]'],
    ['jwt_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'jwt_[redacted]'],
  ])('masks %s, glued to what precedes it', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    'task-runner finished the disk-usage report',
    'GET /v1//chat/completions 404',
    'input_tokens=12 output_tokens=3',
    'see https://example.com/docs@v2 for details',
  ])('leaves %s alone', (input) => {
    expect(redactSecrets(input)).toBe(input);
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
