import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateDatabase, readSchemaVersion, SchemaTooNewError, type Migration } from './migrate-database.js';
import { monitorMigrations } from './monitor-migrations.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const v1: Migration = (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
const v2: Migration = (db) => db.exec("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown'; CREATE INDEX notes_author ON notes (author)");

describe('migrateDatabase', () => {
  it('runs every migration on a new file and records the version', () => {
    const db = new Database(join(dir, 'a.db'));
    expect(migrateDatabase(db, [v1, v2])).toEqual({ from: 0, to: 2 });
    expect(readSchemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO notes (text, author) VALUES ('x', 'me')").run();
    db.close();
  });

  it('brings a file of an older version up to date and keeps its rows', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrateDatabase(old, [v1]);
    old.prepare("INSERT INTO notes (text) VALUES ('written by version 1')").run();
    old.close();

    const db = new Database(path);
    expect(migrateDatabase(db, [v1, v2])).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([{ text: 'written by version 1', author: 'unknown' }]);
    // Opening again runs nothing.
    expect(migrateDatabase(db, [v1, v2])).toEqual({ from: 2, to: 2 });
    db.close();
  });

  it('leaves the file at the last good version when a migration fails', () => {
    const db = new Database(join(dir, 'b.db'));
    const broken: Migration = (target) => {
      target.exec('CREATE TABLE half_done (id INTEGER)');
      throw new Error('boom');
    };
    expect(() => migrateDatabase(db, [v1, broken])).toThrow('boom');
    expect(readSchemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a file written by a newer version', () => {
    const db = new Database(join(dir, 'c.db'));
    migrateDatabase(db, [v1, v2]);
    expect(() => migrateDatabase(db, [v1])).toThrow(SchemaTooNewError);
    db.close();
  });

  it('the request log schema applies cleanly', () => {
    const db = new Database(':memory:');
    migrateDatabase(db, monitorMigrations);
    expect(readSchemaVersion(db)).toBe(monitorMigrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'request_logs' AND name NOT LIKE 'sqlite_%'").pluck().all()).toContain(
      'request_logs_time',
    );
    db.close();
  });
});
