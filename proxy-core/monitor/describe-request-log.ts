/**
 * The request log as clients see it (admin API, SSE events, the UI's ControlApi): snake_case
 * like the settings, ISO times, explicit nulls. `RequestLogRow` is the stored form; these
 * functions are the one way a row leaves the store.
 */
import { z } from 'zod';
import { conversionWarningCodes } from '../canonical/conversion-warning.js';
import { classifyRequestKind } from './classify-request-kind.js';

/** One row of `request_logs` (monitor-migrations.ts), as written and read. */
export interface RequestLogRow {
  id: string;
  /** Epoch ms the request arrived. */
  time: number;
  protocol: string;
  method: string;
  path: string;
  model: string | null;
  mapped_model: string | null;
  account_email: string | null;
  /** JSON array of `RequestLogAttempt`. */
  attempts: string;
  attempt_count: number;
  status: number;
  duration_ms: number;
  ttfb_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  /** 0 or 1. */
  stream: number;
  error: string | null;
  client_key: string;
  client_ip: string | null;
  /** JSON object of header name -> value, redacted; only with body capture on. */
  request_headers: string | null;
  request_body: string | null;
  response_body: string | null;
  /** The mapping rule's kind (resolve-model.ts): `exact`, `wildcard`, `upstream_model`, `default`, `family`, `passthrough`. */
  mapping_rule: string | null;
  /** JSON array of the conversion's warnings (what was dropped or changed), `{code, message}` each. */
  warnings: string;
}

export const requestLogAttemptSchema = z.object({
  account_email: z.string(),
  outcome: z.enum(['ok', 'failed']),
  status: z.number().nullable(),
  /** The retry-policy row that handled a failure. */
  rule: z.string().nullable(),
  message: z.string().nullable(),
  waited_ms: z.number(),
  /** Accounts passed over for this attempt, and why. */
  skipped: z.array(z.object({ email: z.string(), reason: z.string() })),
});
export type RequestLogAttempt = z.infer<typeof requestLogAttemptSchema>;

export const requestLogWarningSchema = z.object({
  /** The kind of change (canonical/conversion-warning.ts); null for a row logged before warnings had one, or a kind this version does not know. */
  code: z.enum(conversionWarningCodes).nullable().catch(null),
  /** What exactly was dropped or changed, and why. */
  message: z.string(),
});
export type RequestLogWarning = z.infer<typeof requestLogWarningSchema>;

export const requestLogSummarySchema = z.object({
  id: z.string(),
  /** ISO-8601 time the request arrived. */
  time: z.string(),
  protocol: z.string(),
  method: z.string(),
  path: z.string(),
  /** The model the client asked for. */
  model: z.string().nullable(),
  /** The upstream model it was mapped to. */
  mapped_model: z.string().nullable(),
  /** The account that answered (the last one tried when all failed). */
  account_email: z.string().nullable(),
  status: z.number(),
  duration_ms: z.number(),
  /** Until the upstream's first content; null when none came. */
  ttfb_ms: z.number().nullable(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cached_tokens: z.number(),
  reasoning_tokens: z.number(),
  stream: z.boolean(),
  attempt_count: z.number(),
  /** Label of the API key the client used (`default`; `none` with auth off). */
  client_key: z.string(),
  error: z.string().nullable(),
  /** `ai` calls a model (generation, token counting); `lookup` is a model list, detect, a wrong path (classify-request-kind.ts). */
  kind: z.enum(['ai', 'lookup']),
});
export type RequestLogSummary = z.infer<typeof requestLogSummarySchema>;

/** A request finished and was recorded: the event the monitor publishes on the gateway's event bus. */
export interface RequestLogEvent {
  type: 'log';
  data: RequestLogSummary;
}

export const requestLogDetailSchema = requestLogSummarySchema.extend({
  client_ip: z.string().nullable(),
  attempts: z.array(requestLogAttemptSchema),
  /** Captured only with `monitor.capture_bodies` on; secrets redacted, cut at `monitor.max_body_kb`. */
  request_headers: z.record(z.string(), z.string()).nullable(),
  request_body: z.string().nullable(),
  response_body: z.string().nullable(),
  /** How the model name was mapped (`family`: no rule knew it; add one); null for requests that name no model. */
  mapping_rule: z.string().nullable(),
  /** What the gateway dropped or changed to serve the request (a web search beside functions, unsupported fields), with the kind of each. */
  conversion_warnings: z.array(requestLogWarningSchema),
  /** The messages of `conversion_warnings` alone, as this field read before warnings had a kind. */
  warnings: z.array(z.string()),
});
export type RequestLogDetail = z.infer<typeof requestLogDetailSchema>;

export const requestLogPageSchema = z.object({
  items: z.array(requestLogSummarySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type RequestLogPage = z.infer<typeof requestLogPageSchema>;

/** The columns a summary needs (no bodies): what list queries select. */
export const summaryColumns = [
  'id',
  'time',
  'protocol',
  'method',
  'path',
  'model',
  'mapped_model',
  'account_email',
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
] as const satisfies ReadonlyArray<keyof RequestLogRow>;

export type RequestLogSummaryRow = Pick<RequestLogRow, (typeof summaryColumns)[number]>;

export function describeRequestLogSummary(row: RequestLogSummaryRow): RequestLogSummary {
  return {
    id: row.id,
    time: new Date(row.time).toISOString(),
    protocol: row.protocol,
    method: row.method,
    path: row.path,
    model: row.model,
    mapped_model: row.mapped_model,
    account_email: row.account_email,
    status: row.status,
    duration_ms: row.duration_ms,
    ttfb_ms: row.ttfb_ms,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cached_tokens: row.cached_tokens,
    reasoning_tokens: row.reasoning_tokens,
    stream: row.stream === 1,
    attempt_count: row.attempt_count,
    client_key: row.client_key,
    error: row.error,
    kind: classifyRequestKind(row),
  };
}

export function describeRequestLogDetail(row: RequestLogRow): RequestLogDetail {
  const warnings = parseJson(row.warnings, z.array(requestLogWarningSchema)) ?? [];
  return {
    ...describeRequestLogSummary(row),
    client_ip: row.client_ip,
    attempts: parseJson(row.attempts, z.array(requestLogAttemptSchema)) ?? [],
    request_headers: row.request_headers === null ? null : (parseJson(row.request_headers, z.record(z.string(), z.string())) ?? null),
    request_body: row.request_body,
    response_body: row.response_body,
    mapping_rule: row.mapping_rule,
    conversion_warnings: warnings,
    warnings: warnings.map((warning) => warning.message),
  };
}

function parseJson<Schema extends z.ZodType>(text: string, schema: Schema): z.infer<Schema> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
