/** Retention: drop records older than the cut-off, then the oldest beyond the row limit. */
import type Database from 'better-sqlite3';

export interface PruneResult {
  deleted: number;
  /** Rows left. */
  rowCount: number;
}

export function countRequestLogs(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM request_logs').pluck().get() as number;
}

/** Delete the `count` oldest rows (by arrival time, then insertion order). */
export function deleteOldestRequestLogs(db: Database.Database, count: number): number {
  if (count <= 0) return 0;
  return db.prepare('DELETE FROM request_logs WHERE seq IN (SELECT seq FROM request_logs ORDER BY time, seq LIMIT ?)').run(count).changes;
}

export function pruneRequestLogs(db: Database.Database, options: { olderThan: number; maxRows: number }): PruneResult {
  return db.transaction((): PruneResult => {
    let deleted = db.prepare('DELETE FROM request_logs WHERE time < ?').run(options.olderThan).changes;
    let rowCount = countRequestLogs(db);
    if (rowCount > options.maxRows) {
      const trimmed = deleteOldestRequestLogs(db, rowCount - options.maxRows);
      deleted += trimmed;
      rowCount -= trimmed;
    }
    return { deleted, rowCount };
  })();
}
