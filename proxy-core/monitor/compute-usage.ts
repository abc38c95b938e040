/**
 * Usage over a time window: requests, errors and tokens per hour or day and per model, account,
 * client key or protocol, with p50/p95 latency and time to first byte.
 *
 * Sums come from SQL (GROUP BY bucket and key). Percentiles are exact nearest-rank values (the
 * smallest value with at least p% of the observations at or below it) over the successful
 * requests of the window; failures are counted in `errors` and `error_rate` instead, because an
 * instant 401 or a 10 s pool-exhausted wait would say nothing about how fast answers come.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { aiRequestSql } from './classify-request-kind.js';
import { optionalTimeSchema } from './request-log-query.js';

export const usageGroups = ['model', 'mapped_model', 'account', 'key', 'protocol'] as const;
export type UsageGroup = (typeof usageGroups)[number];

const groupColumn: Record<UsageGroup, string> = {
  model: 'model',
  mapped_model: 'mapped_model',
  account: 'account_email',
  key: 'client_key',
  protocol: 'protocol',
};

const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;
export type UsageBucket = keyof typeof bucketMs;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const usageQuerySchema = z.object({
  group: z.preprocess(blankToUndefined, z.enum(usageGroups).default('model')),
  bucket: z.preprocess(blankToUndefined, z.enum(['hour', 'day']).default('hour')),
  /** Default: 24 hours (hour buckets) or 30 days (day buckets) before `until`. */
  since: optionalTimeSchema,
  /** Default: now. */
  until: optionalTimeSchema,
  /** Minutes east of UTC where day and hour buckets start (the UI passes the user's offset); default UTC. */
  tz_offset_minutes: z.preprocess(blankToUndefined, z.coerce.number().int().min(-840).max(840).default(0)),
  /** Count lookups too (model lists, `/v1/models/detect`, unknown routes); default: AI requests only (classify-request-kind.ts). */
  include_lookups: z.preprocess(
    (value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : blankToUndefined(value)),
    z.boolean().default(false),
  ),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UsageQueryInput = z.input<typeof usageQuerySchema>;

const countsSchema = z.object({
  requests: z.number(),
  errors: z.number(),
  /** errors / requests, 0 without requests. */
  error_rate: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cached_tokens: z.number(),
  reasoning_tokens: z.number(),
});
const percentilesSchema = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });
const latencySchema = z.object({ latency_ms: percentilesSchema, ttfb_ms: percentilesSchema });

export const usageReportSchema = z.object({
  group: z.enum(usageGroups),
  bucket: z.enum(['hour', 'day']),
  since: z.string(),
  until: z.string(),
  tz_offset_minutes: z.number(),
  include_lookups: z.boolean(),
  totals: countsSchema.extend(latencySchema.shape),
  /** Most tokens first. `key` is null for requests without one (e.g. refused before a model was read). */
  groups: z.array(countsSchema.extend(latencySchema.shape).extend({ key: z.string().nullable() })),
  /** Per bucket and key, oldest bucket first; buckets without requests are absent. */
  series: z.array(countsSchema.extend({ bucket_start: z.string(), key: z.string().nullable() })),
});
export type UsageReport = z.infer<typeof usageReportSchema>;
type Counts = z.infer<typeof countsSchema>;

/** Nearest-rank percentile of an ascending array; null when empty. */
export function nearestRankPercentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

function percentiles(values: number[]) {
  values.sort((a, b) => a - b);
  return { p50: nearestRankPercentile(values, 50), p95: nearestRankPercentile(values, 95) };
}

const emptyCounts = (): Counts => ({ requests: 0, errors: 0, error_rate: 0, input_tokens: 0, output_tokens: 0, cached_tokens: 0, reasoning_tokens: 0 });

function add(target: Counts, row: Counts): void {
  target.requests += row.requests;
  target.errors += row.errors;
  target.input_tokens += row.input_tokens;
  target.output_tokens += row.output_tokens;
  target.cached_tokens += row.cached_tokens;
  target.reasoning_tokens += row.reasoning_tokens;
  target.error_rate = target.requests === 0 ? 0 : target.errors / target.requests;
}

export function computeUsage(db: Database.Database, query: UsageQuery, now: number): UsageReport {
  const until = query.until ?? now;
  const since = query.since ?? until - (query.bucket === 'hour' ? 24 * bucketMs.hour : 30 * bucketMs.day);
  const size = bucketMs[query.bucket];
  const offset = query.tz_offset_minutes * 60_000;
  const key = groupColumn[query.group];
  const window = { since, until };
  const counted = query.include_lookups ? '' : ` AND ${aiRequestSql}`;

  // Bound numbers arrive as REAL; the casts keep the bucket division an integer one.
  const seriesRows = db
    .prepare(
      `SELECT (time + CAST(@offset AS INTEGER)) / CAST(@size AS INTEGER) AS bucket, ${key} AS key,
         count(*) AS requests,
         sum(CASE WHEN status >= 400 OR error IS NOT NULL THEN 1 ELSE 0 END) AS errors,
         sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
         sum(cached_tokens) AS cached_tokens, sum(reasoning_tokens) AS reasoning_tokens
       FROM request_logs WHERE time >= @since AND time < @until${counted}
       GROUP BY bucket, key ORDER BY bucket, key`,
    )
    .all({ ...window, offset, size }) as Array<Omit<Counts, 'error_rate'> & { bucket: number; key: string | null }>;

  const totals = emptyCounts();
  const groups = new Map<string | null, Counts>();
  const series: UsageReport['series'] = [];
  for (const row of seriesRows) {
    const counts = emptyCounts();
    add(counts, { ...row, error_rate: 0 });
    series.push({ bucket_start: new Date(row.bucket * size - offset).toISOString(), key: row.key, ...counts });
    add(totals, counts);
    let group = groups.get(row.key);
    if (group === undefined) groups.set(row.key, (group = emptyCounts()));
    add(group, counts);
  }

  const timings = db
    .prepare(`SELECT ${key} AS key, duration_ms, ttfb_ms FROM request_logs WHERE time >= @since AND time < @until AND status < 400 AND error IS NULL${counted}`)
    .raw()
    .all(window) as Array<[string | null, number, number | null]>;
  const all = { latency: [] as number[], ttfb: [] as number[] };
  const byKey = new Map<string | null, typeof all>();
  for (const [rowKey, duration, ttfb] of timings) {
    let entry = byKey.get(rowKey);
    if (entry === undefined) byKey.set(rowKey, (entry = { latency: [], ttfb: [] }));
    entry.latency.push(duration);
    all.latency.push(duration);
    if (ttfb !== null) {
      entry.ttfb.push(ttfb);
      all.ttfb.push(ttfb);
    }
  }
  const latencyOf = (values: typeof all | undefined) => ({
    latency_ms: percentiles(values?.latency ?? []),
    ttfb_ms: percentiles(values?.ttfb ?? []),
  });

  const tokens = (counts: Counts) => counts.input_tokens + counts.output_tokens;
  return {
    group: query.group,
    bucket: query.bucket,
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    tz_offset_minutes: query.tz_offset_minutes,
    include_lookups: query.include_lookups,
    totals: { ...totals, ...latencyOf(all) },
    groups: [...groups]
      .sort(([, a], [, b]) => tokens(b) - tokens(a) || b.requests - a.requests)
      .map(([groupKey, counts]) => ({ key: groupKey, ...counts, ...latencyOf(byKey.get(groupKey)) })),
    series,
  };
}
