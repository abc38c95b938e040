/**
 * Open `<data dir>/skyport.db` in WAL mode and migrate it. The gateway must start even when the
 * file cannot be used: a file that is not a database is renamed aside (kept for the user) and a
 * new one made; a file from a newer Skyport is left alone and the log lives in memory until
 * restart, with an error in the log saying so.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import { moveAside } from '../util/move-aside.js';
import { migrateDatabase } from './migrate-database.js';
import { monitorMigrations } from './monitor-migrations.js';

export interface MonitorDatabase {
  db: Database.Database;
  /** False when the log fell back to memory. */
  persistent: boolean;
}

/** Where better-sqlite3's compiled addon is, when not in node_modules (the desktop app in development). */
export interface SqliteBinding {
  nativeBinding?: string;
}

export function openDatabaseFile(path: string, binding: SqliteBinding = {}): Database.Database {
  const db = new Database(path, binding.nativeBinding === undefined ? undefined : { nativeBinding: binding.nativeBinding });
  try {
    // Owner only, like accounts.json: the log names accounts and may hold captured bodies.
    // SQLite gives the -wal and -shm files the same mode.
    if (path !== ':memory:' && process.platform !== 'win32') chmodSync(path, 0o600);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL survives an application crash; only a power loss may drop the last batches.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    migrateDatabase(db, monitorMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function openInMemory(binding: SqliteBinding): Database.Database {
  const db = new Database(':memory:', binding.nativeBinding === undefined ? undefined : { nativeBinding: binding.nativeBinding });
  migrateDatabase(db, monitorMigrations);
  return db;
}

const isNotADatabase = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT');

export async function openMonitorDatabase(
  path: string,
  options: { logger: { warn(message: string): void; error(message: string): void }; binding?: SqliteBinding },
): Promise<MonitorDatabase> {
  const binding = options.binding ?? {};
  let failure: unknown;
  try {
    return { db: openDatabaseFile(path, binding), persistent: true };
  } catch (error) {
    failure = error;
  }
  if (isNotADatabase(failure)) {
    const keptAt = await moveAside(path);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) await moveAside(path + suffix);
    options.logger.warn(`The request log ${path} could not be read (${(failure as Error).message}); it was kept as ${keptAt} and a new one started.`);
    try {
      return { db: openDatabaseFile(path, binding), persistent: true };
    } catch (error) {
      failure = error;
    }
  }
  const reason = failure instanceof Error ? failure.message : String(failure);
  options.logger.error(`The request log ${path} cannot be used (${reason}); requests are logged in memory until restart.`);
  return { db: openInMemory(binding), persistent: false };
}
