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
