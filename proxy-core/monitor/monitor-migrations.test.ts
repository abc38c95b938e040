import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeRequestLogDetail, type RequestLogRow } from './describe-request-log.js';
import { migrateDatabase } from './migrate-database.js';
import { monitorMigrations } from './monitor-migrations.js';

/** A row as version 2 wrote it: only the columns without a default, and the warnings as given. */
function insertVersion2Row(db: Database.Database, id: string, warnings: string): void {
  db.prepare(
    `INSERT INTO request_logs (id, time, protocol, method, path, status, duration_ms, client_key, warnings)
     VALUES (?, 0, 'openai', 'POST', '/v1/chat/completions', 200, 5, 'none', ?)`,
  ).run(id, warnings);
}

describe('request log migration 3: typed warnings', () => {
  it('turns the plain-text warnings of older rows into warnings without a code, and leaves the rest as they were', () => {
    const db = new Database(':memory:');
    migrateDatabase(db, monitorMigrations.slice(0, 2));
    insertVersion2Row(db, 'with', JSON.stringify(['web search dropped: the upstream cannot search the web and call functions in one request', 'max_tokens 10 raised to 9216']));
    insertVersion2Row(db, 'without', '[]');
    insertVersion2Row(db, 'broken', 'not json');

    expect(migrateDatabase(db, monitorMigrations)).toEqual({ from: 2, to: monitorMigrations.length });
    const stored = Object.fromEntries(db.prepare('SELECT id, warnings FROM request_logs').all().map((row) => [(row as RequestLogRow).id, (row as RequestLogRow).warnings]));
    expect(JSON.parse(stored.with ?? '')).toEqual([
      { code: null, message: 'web search dropped: the upstream cannot search the web and call functions in one request' },
      { code: null, message: 'max_tokens 10 raised to 9216' },
    ]);
    expect(stored.without).toBe('[]');
    expect(stored.broken).toBe('[]');

    const row = db.prepare("SELECT * FROM request_logs WHERE id = 'with'").get() as RequestLogRow;
    expect(describeRequestLogDetail(row)).toMatchObject({
      conversion_warnings: [
        { code: null, message: 'web search dropped: the upstream cannot search the web and call functions in one request' },
        { code: null, message: 'max_tokens 10 raised to 9216' },
      ],
      warnings: ['web search dropped: the upstream cannot search the web and call functions in one request', 'max_tokens 10 raised to 9216'],
    });
    db.close();
  });

  it('reads a code this version does not know as none, keeping the message', () => {
    const db = new Database(':memory:');
    migrateDatabase(db, monitorMigrations);
    insertVersion2Row(db, 'future', JSON.stringify([{ code: 'some_later_kind', message: 'changed something' }, { code: 'tool_dropped', message: 'tools.0 dropped' }]));
    const row = db.prepare("SELECT * FROM request_logs WHERE id = 'future'").get() as RequestLogRow;
    expect(describeRequestLogDetail(row).conversion_warnings).toEqual([
      { code: null, message: 'changed something' },
      { code: 'tool_dropped', message: 'tools.0 dropped' },
    ]);
    db.close();
  });
});
