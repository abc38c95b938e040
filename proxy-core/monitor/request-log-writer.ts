/**
 * Writes request-log rows off the request path: `append` only pushes onto an in-memory queue;
 * the queue is written in one transaction every `flushIntervalMs`, or soon after it reaches
 * `maxBatchRows`. Retention runs on the same timer. `close` writes what is left.
 *
 * The queue is capped (what does not fit is dropped and counted) so memory stays bounded.
 */
import type Database from 'better-sqlite3';
import type { RequestLogRow } from './describe-request-log.js';
import { countRequestLogs, deleteOldestRequestLogs, pruneRequestLogs } from './prune-request-logs.js';

export interface WriterTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Run soon, after the current I/O callbacks: a full batch is written without waiting for the tick. */
  defer(callback: () => void): void;
}

export const defaultWriterTimers: WriterTimers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    // The log must never keep a process alive on its own.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  defer: (callback) => void setImmediate(callback),
};

export interface RequestLogWriterOptions {
  db: Database.Database;
  /** Read on every prune, so settings changes apply without a restart. */
  retention: () => { days: number; maxRows: number };
  now: () => number;
  logger: { warn(message: string): void };
  flushIntervalMs?: number;
  maxBatchRows?: number;
  maxQueueRows?: number;
  pruneIntervalMs?: number;
  timers?: WriterTimers;
}

export interface RequestLogWriter {
  append(row: RequestLogRow): void;
  /** Write the queue now (one transaction); returns the rows written. */
  flush(): number;
  /** Apply retention now; returns the rows deleted. */
  prune(): number;
  /** Delete every row (queued ones too); returns how many. */
  clear(): number;
  readonly pending: number;
  /** Rows in the table (tracked, not counted per call). */
  readonly rowCount: number;
  /** Rows lost to a full queue or a failed write since start. */
  readonly dropped: number;
  /** Flush, stop the timer; later appends are ignored. */
  close(): void;
}

const columns = [
  'id',
  'time',
  'protocol',
  'method',
  'path',
  'model',
  'mapped_model',
  'account_email',
  'attempts',
  'attempt_count',
  'status',
  'duration_ms',
  'ttfb_ms',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'reasoning_tokens',
  'stream',
  'error',
  'client_key',
  'client_ip',
  'request_headers',
  'request_body',
  'response_body',
  'mapping_rule',
  'warnings',
] as const satisfies ReadonlyArray<keyof RequestLogRow>;

const dayMs = 86_400_000;

export function createRequestLogWriter(options: RequestLogWriterOptions): RequestLogWriter {
  const { db, now, logger } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 500;
  const maxBatchRows = options.maxBatchRows ?? 500;
  const maxQueueRows = options.maxQueueRows ?? 50_000;
  const pruneIntervalMs = options.pruneIntervalMs ?? 60_000;
  const timers = options.timers ?? defaultWriterTimers;

  // Positional parameters: binding by name looks every column up in the row object (about 1 µs
  // more per row, a measurable part of a request's cost at thousands of requests a second).
  const insert = db.prepare(`INSERT OR IGNORE INTO request_logs (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  // One array of values, refilled for each row (an array binds its items in order).
  const values: unknown[] = new Array<unknown>(columns.length);
  const insertAll = db.transaction((rows: readonly RequestLogRow[]) => {
    let written = 0;
    for (const row of rows) {
      for (let index = 0; index < columns.length; index += 1) values[index] = row[columns[index] as keyof RequestLogRow];
      written += insert.run(values).changes;
    }
    values.fill(undefined);
    return written;
  });

  let queue: RequestLogRow[] = [];
  let closed = false;
  let deferred = false;
  let dropped = 0;
  let lastWarningAt = Number.NEGATIVE_INFINITY;
  let lastPruneAt = now();
  let rowCount = 0;

  const warn = (message: string) => {
    // A broken disk fails every flush; say so once a minute, not twice a second.
    if (now() - lastWarningAt < 60_000) return;
    lastWarningAt = now();
    logger.warn(message);
  };

  const prune = (): number => {
    const { days, maxRows } = options.retention();
    try {
      const result = pruneRequestLogs(db, { olderThan: now() - days * dayMs, maxRows });
      rowCount = result.rowCount;
      return result.deleted;
    } catch (error) {
      warn(`Request log retention failed: ${(error as Error).message}`);
      return 0;
    } finally {
      lastPruneAt = now();
    }
  };

  const flush = (): number => {
    if (queue.length === 0) return 0;
    const batch = queue;
    queue = [];
    try {
      const written = insertAll(batch);
      rowCount += written;
      // Keep the row limit between full prunes; deleting only the excess is cheap.
      const { maxRows } = options.retention();
      if (rowCount > maxRows) rowCount -= deleteOldestRequestLogs(db, rowCount - maxRows);
      return written;
    } catch (error) {
      dropped += batch.length;
      warn(`Request log write failed, ${batch.length} records lost: ${(error as Error).message}`);
      return 0;
    }
  };

  const tick = () => {
    flush();
    if (now() - lastPruneAt >= pruneIntervalMs) prune();
  };

  rowCount = countRequestLogs(db);
  prune();
  const timer = timers.setInterval(tick, flushIntervalMs);

  return {
    append(row) {
      if (closed) return;
      if (queue.length >= maxQueueRows) {
        dropped += 1;
        warn(`Request log queue is full (${maxQueueRows} rows); new records are dropped until it drains.`);
        return;
      }
      queue.push(row);
      if (queue.length >= maxBatchRows && !deferred) {
        deferred = true;
        timers.defer(() => {
          deferred = false;
          if (!closed) flush();
        });
      }
    },
    flush,
    prune,
    clear() {
      const queued = queue.length;
      queue = [];
      const deleted = db.prepare('DELETE FROM request_logs').run().changes;
      rowCount = 0;
      return deleted + queued;
    },
    get pending() {
      return queue.length;
    },
    get rowCount() {
      return rowCount;
    },
    get dropped() {
      return dropped;
    },
    close() {
      if (closed) return;
      timers.clearInterval(timer);
      flush();
      closed = true;
    },
  };
}
