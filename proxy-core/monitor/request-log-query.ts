/**
 * What a request-log query may ask for, validated once for both the admin API (query strings)
 * and the ControlApi (objects over IPC), and turned into one SQL WHERE clause.
 */
import { z } from 'zod';

/** An absent, empty or blank parameter means "no filter". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Epoch ms, or an ISO-8601 date/time string. */
export const timeValueSchema = z.union([z.number(), z.string().trim()]).transform((value, context) => {
  const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    context.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO-8601 time' });
    return z.NEVER;
  }
  return ms;
});
export const optionalTimeSchema = z.preprocess(blankToUndefined, timeValueSchema.optional());

export type StatusFilter =
  | { kind: 'ok' }
  | { kind: 'error' }
  | { kind: 'range'; from: number; to: number };

/** `ok`, `error` (an HTTP error, or a stream that failed after it began), a class `4xx`, or a code `429`. */
const statusValueSchema = z.union([z.number(), z.string().trim().toLowerCase()]).transform((value, context): StatusFilter => {
  if (value === 'ok' || value === 'error') return { kind: value };
  const text = String(value);
  const range = /^([1-5])xx$/.exec(text);
  if (range !== null) return { kind: 'range', from: Number(range[1]) * 100, to: Number(range[1]) * 100 + 99 };
  if (/^[1-5]\d\d$/.test(text)) return { kind: 'range', from: Number(text), to: Number(text) };
  context.addIssue({ code: 'custom', message: 'must be ok, error, a class like 4xx, or a status code like 429' });
  return z.NEVER;
});

const optionalText = z.preprocess(blankToUndefined, z.string().trim().max(500).optional());

export const requestLogFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, statusValueSchema.optional()),
  /** The requested or the mapped model. */
  model: optionalText,
  account: optionalText,
  /** The API key's name (`default` = the main key, `none` = no key checked). */
  key: optionalText,
  protocol: z.preprocess(blankToUndefined, z.enum(['openai', 'anthropic', 'gemini', 'warmup']).optional()),
  /** Arrived at or after. */
  since: optionalTimeSchema,
  /** Arrived before. */
  until: optionalTimeSchema,
  /** Words found in the id, path, models, account, client IP or error (case-insensitive). */
  q: optionalText,
});
export type RequestLogFilter = z.infer<typeof requestLogFilterSchema>;

export interface LogCursor {
  time: number;
  seq: number;
}

export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(`${cursor.time}.${cursor.seq}`).toString('base64url');
}

export function decodeLogCursor(value: string): LogCursor | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (match === null) return undefined;
  return { time: Number(match[1]), seq: Number(match[2]) };
}

export const maxPageSize = 500;

export const requestLogQuerySchema = requestLogFilterSchema.extend({
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(maxPageSize).default(50)),
  /** `next_cursor` of the previous page. */
  cursor: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((value, context) => {
        const cursor = decodeLogCursor(value);
        if (cursor === undefined) {
          context.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  ),
});
export type RequestLogQuery = z.infer<typeof requestLogQuerySchema>;
/** What callers may pass before defaults are applied (the ControlApi's argument type). */
export type RequestLogQueryInput = z.input<typeof requestLogQuerySchema>;

export interface SqlWhere {
  /** `WHERE …` or the empty string. */
  sql: string;
  params: Record<string, string | number>;
}

/** `%`, `_` and the escape character itself match literally in LIKE … ESCAPE '\'. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function buildRequestLogWhere(filter: RequestLogFilter, cursor?: LogCursor): SqlWhere {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const { status } = filter;
  if (status?.kind === 'ok') clauses.push('status < 400 AND error IS NULL');
  if (status?.kind === 'error') clauses.push('(status >= 400 OR error IS NOT NULL)');
  if (status?.kind === 'range') {
    clauses.push('status BETWEEN @statusFrom AND @statusTo');
    params.statusFrom = status.from;
    params.statusTo = status.to;
  }
  if (filter.model !== undefined) {
    clauses.push('(model = @model OR mapped_model = @model)');
    params.model = filter.model;
  }
  if (filter.account !== undefined) {
    clauses.push('account_email = @account COLLATE NOCASE');
    params.account = filter.account;
  }
  if (filter.key !== undefined) {
    clauses.push('client_key = @key');
    params.key = filter.key;
  }
  if (filter.protocol !== undefined) {
    clauses.push('protocol = @protocol');
    params.protocol = filter.protocol;
  }
  if (filter.since !== undefined) {
    clauses.push('time >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push('time < @until');
    params.until = filter.until;
  }
  if (filter.q !== undefined) {
    const searched = ['id', 'path', 'model', 'mapped_model', 'account_email', 'client_ip', 'error'];
    clauses.push(`(${searched.map((column) => `${column} LIKE @q ESCAPE '\\'`).join(' OR ')})`);
    params.q = `%${escapeLike(filter.q)}%`;
  }
  if (cursor !== undefined) {
    clauses.push('(time < @cursorTime OR (time = @cursorTime AND seq < @cursorSeq))');
    params.cursorTime = cursor.time;
    params.cursorSeq = cursor.seq;
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}
