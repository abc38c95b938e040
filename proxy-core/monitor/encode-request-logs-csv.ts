/**
 * The request log as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), produced a page at a time so a large export never holds the table in
 * memory nor keeps a SQLite statement open while the socket drains. Bodies are left out.
 *
 * Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) get a leading
 * `'`: model names and error messages come from clients and upstreams, not from the user.
 */
import type Database from 'better-sqlite3';
import type { RequestLogSummaryRow } from './describe-request-log.js';
import { selectRequestLogPage } from './query-request-logs.js';
import type { LogCursor, RequestLogFilter } from './request-log-query.js';

type CsvValue = string | number | boolean | null;

const columns: ReadonlyArray<[header: string, read: (row: RequestLogSummaryRow) => CsvValue]> = [
  ['id', (row) => row.id],
  ['time', (row) => new Date(row.time).toISOString()],
  ['protocol', (row) => row.protocol],
  ['method', (row) => row.method],
  ['path', (row) => row.path],
  ['model', (row) => row.model],
  ['mapped_model', (row) => row.mapped_model],
  ['account_email', (row) => row.account_email],
  ['status', (row) => row.status],
  ['duration_ms', (row) => row.duration_ms],
  ['ttfb_ms', (row) => row.ttfb_ms],
  ['input_tokens', (row) => row.input_tokens],
  ['output_tokens', (row) => row.output_tokens],
  ['cached_tokens', (row) => row.cached_tokens],
  ['reasoning_tokens', (row) => row.reasoning_tokens],
  ['stream', (row) => row.stream === 1],
  ['attempts', (row) => row.attempt_count],
  ['client_key', (row) => row.client_key],
  ['error', (row) => row.error],
];

export const requestLogCsvHeaders: readonly string[] = columns.map(([header]) => header);

export function escapeCsvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `skyport-requests-2026-01-02T03-04-05-678Z.csv`: sortable, and valid on every file system. */
export function formatRequestLogCsvFileName(now: number): string {
  return `skyport-requests-${new Date(now).toISOString().replace(/[:.]/g, '-')}.csv`;
}

export function formatCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(escapeCsvField).join(',')}\r\n`;
}

/** Header line, then one chunk of lines per page of `pageSize` rows, newest first. */
export function* encodeRequestLogsCsv(db: Database.Database, filter: RequestLogFilter, pageSize = 1000): Generator<string> {
  yield formatCsvRow(requestLogCsvHeaders);
  let cursor: LogCursor | undefined;
  do {
    const page = selectRequestLogPage(db, filter, { limit: pageSize, cursor });
    if (page.rows.length > 0) yield page.rows.map((row) => formatCsvRow(columns.map(([, read]) => read(row)))).join('');
    cursor = page.next;
  } while (cursor !== undefined);
}
