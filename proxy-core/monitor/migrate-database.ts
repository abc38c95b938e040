/**
 * Schema migrations for a SQLite file: `PRAGMA user_version` holds how many of an ordered list of
 * migrations have run; each one runs in its own transaction with the version bump, so a failure
 * leaves the file at the last good version. Migrations are only ever appended to the list.
 */
import type Database from 'better-sqlite3';

export type Migration = (db: Database.Database) => void;

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The database has schema version ${found}, newer than this Skyport knows (${known}); it was written by a newer version.`);
    this.name = 'SchemaTooNewError';
  }
}

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring `db` up to `migrations.length`; returns the versions before and after. */
export function migrateDatabase(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = readSchemaVersion(db);
  if (from > migrations.length) throw new SchemaTooNewError(from, migrations.length);
  for (let version = from; version < migrations.length; version += 1) {
    const migration = migrations[version] as Migration;
    db.transaction(() => {
      migration(db);
      // user_version lives in the file header and is written inside the transaction.
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return { from, to: migrations.length };
}
