import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesktopLogger } from './create-desktop-logger.js';
import { openLogFiles } from './log-files.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('createDesktopLogger', () => {
  it('writes every line, redacted, to stderr and to <userData>/logs/skyport.log in the configured format', () => {
    const userData = mkdtempSync(join(tmpdir(), 'skyport-userdata-'));
    roots.push(userData);
    const stderr: string[] = [];
    const { logger, files } = createDesktopLogger({
      userDataDirectory: userData,
      environment: { SKYPORT_LOG_FORMAT: 'json', SKYPORT_LOG_LEVEL: 'warn' },
      writeToStderr: (line) => stderr.push(line),
      openFiles: (directory) => openLogFiles({ directory, schedule: () => {} }),
    });
    logger.info('not at warn level');
    logger.warn('refresh failed for 1//0gAbCdEfGhIjKlMnOpQrStUvWxYz', { account: 'you@example.com' });
    files.close();
    expect(stderr).toHaveLength(1);
    expect(JSON.parse(stderr[0] ?? '')).toMatchObject({ level: 'warn', msg: 'refresh failed for [redacted]', account: 'you@example.com' });
    expect(readFileSync(join(userData, 'logs', 'skyport.log'), 'utf8')).toBe(`${stderr[0]}\n`);
  });

  it('refuses an unknown SKYPORT_LOG_LEVEL before opening anything', () => {
    expect(() => createDesktopLogger({ userDataDirectory: '/nonexistent', environment: { SKYPORT_LOG_LEVEL: 'trace' }, openFiles: () => { throw new Error('opened'); } })).toThrow(
      'SKYPORT_LOG_LEVEL must be one of error, warn, info, debug, got "trace"',
    );
  });
});
