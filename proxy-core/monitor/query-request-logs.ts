/**
 * Reading the request log: newest first with keyset pagination (the cursor is the last row's
 * arrival time and sequence number, so pages stay stable while new rows arrive), one record in
 * full, and pages of raw rows for the CSV export.
 */
import type Database from 'better-sqlite3';
import {
  describeRequestLogDetail,
  describeRequestLogSummary,
  summaryColumns,
  type RequestLogDetail,
  type RequestLogPage,
  type RequestLogRow,
  type RequestLogSummaryRow,
} from './describe-request-log.js';
import { buildRequestLogWhere, encodeLogCursor, type LogCursor, type RequestLogFilter, type RequestLogQuery } from './request-log-query.js';

export type { RequestLogPage } from './describe-request-log.js';

type PagedRow = RequestLogSummaryRow & { seq: number };

/** One page of summary rows, newest first, and the cursor after its last row. */
export function selectRequestLogPage(
  db: Database.Database,
  filter: RequestLogFilter,
  options: { limit: number; cursor?: LogCursor | undefined },
): { rows: PagedRow[]; next: LogCursor | undefined } {
  const where = buildRequestLogWhere(filter, options.cursor);
  const rows = db
    .prepare(`SELECT seq, ${summaryColumns.join(', ')} FROM request_logs ${where.sql} ORDER BY time DESC, seq DESC LIMIT @limit`)
    .all({ ...where.params, limit: options.limit + 1 }) as PagedRow[];
  const more = rows.length > options.limit;
  if (more) rows.length = options.limit;
  const last = rows.at(-1);
  return { rows, next: more && last !== undefined ? { time: last.time, seq: last.seq } : undefined };
}

export function queryRequestLogs(db: Database.Database, query: RequestLogQuery): RequestLogPage {
  const { rows, next } = selectRequestLogPage(db, query, { limit: query.limit, cursor: query.cursor });
  return { items: rows.map(describeRequestLogSummary), next_cursor: next === undefined ? null : encodeLogCursor(next) };
}

export function getRequestLog(db: Database.Database, id: string): RequestLogDetail | undefined {
  const row = db.prepare('SELECT * FROM request_logs WHERE id = ?').get(id) as RequestLogRow | undefined;
  return row === undefined ? undefined : describeRequestLogDetail(row);
}
