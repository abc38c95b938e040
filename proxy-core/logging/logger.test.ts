import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLogger on stderr', () => {
  it('writes the lines logged in one turn of the event loop with one write, in order', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const logger = createLogger({ now: () => new Date(0) });
    logger.info('first line');
    logger.warn('second line');
    expect(writes.filter((text) => text.includes('first line'))).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.filter((text) => text.includes('first line'))).toEqual([
      '1970-01-01T00:00:00.000Z INFO  first line\n1970-01-01T00:00:00.000Z WARN  second line\n',
    ]);
  });
});

describe('createLogger formats', () => {
  const collect = (options: Parameters<typeof createLogger>[0] = {}) => {
    const lines: string[] = [];
    const logger = createLogger({ now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), write: (line) => lines.push(line), ...options });
    return { logger, lines };
  };

  it('writes human lines with the fields after the message', () => {
    const { logger, lines } = collect();
    logger.info('POST /v1/chat/completions 200', { model: 'gemini-3-flash', ms: 12, account: 'a b' });
    expect(lines).toEqual(['2026-01-02T03:04:05.006Z INFO  POST /v1/chat/completions 200 model=gemini-3-flash ms=12 account="a b"']);
  });

  it('writes a human line without fields as time, level and the message exactly as given', () => {
    const { logger, lines } = collect({ level: 'debug' });
    const message = 'a "quoted" word, a \\ backslash,\nnew line, tab\t, \u2028, é and 😀 {"json":true} ';
    logger.debug(message);
    logger.error('');
    expect(lines).toEqual([`2026-01-02T03:04:05.006Z DEBUG ${message}`, '2026-01-02T03:04:05.006Z ERROR ']);
  });

  it('writes one JSON object per line with format json, fields at the top level', () => {
    const { logger, lines } = collect({ format: 'json' });
    logger.warn('account cooling down', { email: 'you@example.com', seconds: 30 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'warn',
      time: '2026-01-02T03:04:05.006Z',
      pid: process.pid,
      hostname: expect.any(String),
      msg: 'account cooling down',
      email: 'you@example.com',
      seconds: 30,
    });
  });

  it.each([
    ['error', ['error']],
    ['warn', ['warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['debug', ['debug', 'info', 'warn', 'error']],
  ] as const)('at level %s writes %j', (level, expected) => {
    const { logger, lines } = collect({ level, format: 'json' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(expected);
  });

  const secrets = [
    'sk-0123456789abcdef0123456789abcdef',
    'ya29.a0AfH6SMBxyz-123',
    '1//0gAbCdEfGhIjKlMnOpQrStUvWxYz',
    'GOCSPX-abcdefghijkl',
    'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.signature',
    'Bearer opaque-value-123',
    'socks5://me:hunter2@10.0.0.1:1080',
  ];

  it.each(['human', 'json'] as const)('redacts every secret shape in the message and in every field (%s)', (format) => {
    const { logger, lines } = collect({ format });
    for (const secret of secrets) {
      logger.error(`failed with ${secret}`, {
        detail: `upstream said ${secret}`,
        nested: { list: [`x ${secret}`], deeper: { value: secret } },
        error: new Error(`boom ${secret}`),
      });
    }
    const text = lines.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret.replace(/^Bearer /, '').replace(/^socks5:\/\/me:/, ''));
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(secrets.length * 5);
  });

  it('masks a field named like a credential whatever its value', () => {
    const { logger, lines } = collect({ format: 'json' });
    logger.info('signed in', { refresh_token: 'opaque', apiKey: 'plain', password: 'pw', passphrase: 'backup words', email: 'you@example.com' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ refresh_token: '[redacted]', apiKey: '[redacted]', password: '[redacted]', passphrase: '[redacted]', email: 'you@example.com' });
  });
});
