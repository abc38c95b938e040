/**
 * The request log, usage statistics and metrics of a running gateway, in one object that the
 * admin API and the UI's ControlApi both use. `record` is the server's request-complete hook:
 * it counts the request for /metrics, and (with `proxy.enable_logging` on) queues a row for
 * `<data dir>/skyport.db` and publishes a `log` event. Reads flush the queue first, so a record
 * is visible as soon as its request has ended.
 */
import type { Account } from '../accounts/account-schema.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { resolveAuthMode, type Settings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { SubscribeOptions } from '../events/gateway-event-bus.js';
import type { CompletedRequest } from './completed-request.js';
import type { z } from 'zod';
import { computeUsage, usageQuerySchema, type UsageQueryInput, type UsageReport } from './compute-usage.js';
import { convertCompletedRequestToRow, shouldRecordRequest } from './convert-completed-request-to-row.js';
import { describeRequestLogSummary, type RequestLogDetail, type RequestLogEvent, type RequestLogSummary } from './describe-request-log.js';
import { encodeRequestLogsCsv } from './encode-request-logs-csv.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { openMonitorDatabase } from './open-monitor-database.js';
import { getRequestLog, queryRequestLogs, type RequestLogPage } from './query-request-logs.js';
import { requestLogFilterSchema, requestLogQuerySchema, type RequestLogQueryInput } from './request-log-query.js';
import { createRequestLogWriter, type RequestLogWriterOptions } from './request-log-writer.js';

export type RequestLogFilterInput = z.input<typeof requestLogFilterSchema>;

/**
 * What the monitor does on the gateway's event bus (events/gateway-event-bus.ts): it publishes its
 * `log` events, and follows only those (`types: ['log']`).
 */
export interface RequestLogEventBus {
  publish(event: RequestLogEvent): void;
  subscribe(listener: (event: RequestLogEvent) => void, options: SubscribeOptions<'log'>): () => void;
  readonly subscriberCount: number;
}

export interface RequestMonitorOptions {
  /** better-sqlite3's addon built for this runtime, when not the one in node_modules (Electron in development). */
  sqliteNativeBinding?: string;
  /** `<data dir>/skyport.db`. */
  databasePath: string;
  settings: () => Settings;
  accounts: () => readonly Account[];
  /** The gateway's bus (create-gateway.ts), which carries other kinds too. */
  events: RequestLogEventBus;
  logger: { debug(message: string): void; warn(message: string): void; error(message: string): void };
  now: () => number;
  version: string;
  /** Batching and timers; tests shorten or fake them. */
  writer?: Pick<RequestLogWriterOptions, 'flushIntervalMs' | 'maxBatchRows' | 'maxQueueRows' | 'pruneIntervalMs' | 'timers'>;
}

export interface RequestMonitor {
  /** The request-complete hook: never throws, never waits for the disk. */
  record(completed: CompletedRequest): void;
  /** Newest first; throws GatewayError(invalid_request) for a bad filter or cursor. */
  queryLogs(query?: RequestLogQueryInput): RequestLogPage;
  getLog(id: string): RequestLogDetail | undefined;
  clearLogs(): { deleted: number };
  usage(query?: UsageQueryInput): UsageReport;
  /** CSV text in chunks (header first), newest first, with the same filters as queryLogs. */
  exportCsv(filter?: RequestLogFilterInput): Generator<string>;
  /** New records as they are made; returns the unsubscribe function. */
  subscribe(listener: (summary: RequestLogSummary) => void): () => void;
  /** Prometheus text format. */
  renderMetrics(): string;
  /** Write queued records now. */
  flush(): void;
  /** False when the database file could not be used and the log lives in memory. */
  readonly persistent: boolean;
  /** Write what is queued and close the database; later records are ignored. */
  close(): void;
}

function parseQuery<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new GatewayError('invalid_request', `Invalid query: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

export async function createRequestMonitor(options: RequestMonitorOptions): Promise<RequestMonitor> {
  const { settings, events, logger, now } = options;
  const { db, persistent } = await openMonitorDatabase(options.databasePath, { logger, ...(options.sqliteNativeBinding === undefined ? {} : { binding: { nativeBinding: options.sqliteNativeBinding } }) });
  const writer = createRequestLogWriter({
    db,
    retention: () => ({ days: settings().monitor.retention_days, maxRows: settings().monitor.max_rows }),
    now,
    logger,
    ...options.writer,
  });
  const metrics = createGatewayMetrics({
    accounts: options.accounts,
    now,
    version: options.version,
    requestLog: () => ({ pending: writer.pending, rows: writer.rowCount + writer.pending, dropped: writer.dropped }),
  });
  let closed = false;
  const open = () => {
    if (closed) throw new GatewayError('internal', 'The request log is closed.');
    writer.flush();
  };

  return {
    persistent,
    record(completed) {
      if (closed || !shouldRecordRequest(completed)) return;
      try {
        metrics.observe(completed);
        const current = settings();
        if (!current.proxy.enable_logging) return;
        // The key's name (auth.ts); a request refused before its key was read: `none` when the AI
        // routes take no key, else `default`.
        const clientKey = completed.state.clientKey?.name ?? (resolveAuthMode(current.proxy) === 'off' ? 'none' : 'default');
        const row = convertCompletedRequestToRow(completed, { clientKey, maxBodyBytes: current.monitor.max_body_kb * 1024 });
        writer.append(row);
        if (events.subscriberCount > 0) events.publish({ type: 'log', data: describeRequestLogSummary(row) });
      } catch (error) {
        logger.warn(`Could not record request ${completed.state.requestId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    queryLogs(query) {
      const parsed = parseQuery(requestLogQuerySchema, query);
      open();
      return queryRequestLogs(db, parsed);
    },
    getLog(id) {
      open();
      return getRequestLog(db, id);
    },
    clearLogs() {
      if (closed) throw new GatewayError('internal', 'The request log is closed.');
      return { deleted: writer.clear() };
    },
    usage(query) {
      const parsed = parseQuery(usageQuerySchema, query);
      open();
      return computeUsage(db, parsed, now());
    },
    exportCsv(filter) {
      const parsed = parseQuery(requestLogFilterSchema, filter);
      open();
      return encodeRequestLogsCsv(db, parsed);
    },
    subscribe(listener) {
      return events.subscribe((event) => listener(event.data), { types: ['log'] });
    },
    renderMetrics: () => metrics.render(),
    flush() {
      if (!closed) writer.flush();
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        writer.close();
      } finally {
        db.close();
      }
    },
  };
}
