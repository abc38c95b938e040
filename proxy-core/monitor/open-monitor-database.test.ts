import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMonitorDatabase } from './open-monitor-database.js';

describe('openMonitorDatabase', () => {
  it('loads better-sqlite3 from an explicit addon path when one is given', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'skyport-db-'));
    const errors: string[] = [];
    const logger = { warn: () => {}, error: (message: string) => errors.push(message) };
    await expect(openMonitorDatabase(join(directory, 'skyport.db'), { logger, binding: { nativeBinding: join(directory, 'missing.node') } })).rejects.toThrow();
    const opened = await openMonitorDatabase(join(directory, 'skyport.db'), { logger });
    expect(opened.persistent).toBe(true);
    opened.db.close();
  });
});
