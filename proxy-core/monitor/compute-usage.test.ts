import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeUsage, nearestRankPercentile, usageQuerySchema, type UsageQueryInput } from './compute-usage.js';
import { convertCompletedRequestToRow } from './convert-completed-request-to-row.js';
import { openDatabaseFile } from './open-monitor-database.js';
import { createRequestLogWriter, type RequestLogWriter } from './request-log-writer.js';
import { completedRequest } from './testing/completed-request-fixture.js';
import { manualWriterTimers } from './testing/manual-writer-timers.js';

const hour = 3_600_000;
// 2026-03-10T00:00:00Z
const midnight = Date.UTC(2026, 2, 10);
const now = midnight + 20 * hour;
let db: Database.Database;
let writer: RequestLogWriter;

beforeEach(() => {
  db = openDatabaseFile(':memory:');
  writer = createRequestLogWriter({ db, retention: () => ({ days: 3650, maxRows: 1_000_000 }), now: () => now, logger: { warn: () => {} }, timers: manualWriterTimers() });
});
afterEach(() => {
  writer.close();
  db.close();
});

function add(options: { at: number; method?: string; path?: string; model?: string; account?: string; duration?: number; ttfb?: number | null; status?: number; error?: string; input?: number; output?: number }) {
  const completed = completedRequest({
    method: options.method ?? 'POST',
    path: options.path ?? '/v1/chat/completions',
    status: options.status ?? 200,
    endedAt: options.at + (options.duration ?? 100),
    state: {
      startedAt: options.at,
      mappedModel: options.model ?? 'gemini-3-flash',
      model: options.model ?? 'gemini-3-flash',
      accountEmail: options.account ?? 'a@example.com',
      firstByteAt: options.ttfb === null ? undefined : options.at + (options.ttfb ?? 10),
      errorMessage: options.error,
      usage: { inputTokens: options.input ?? 10, outputTokens: options.output ?? 1, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 0 },
    },
  });
  writer.append(convertCompletedRequestToRow(completed, { clientKey: 'default', maxBodyBytes: 0 }));
}

const usage = (query: UsageQueryInput) => {
  writer.flush();
  return computeUsage(db, usageQuerySchema.parse(query), now);
};

describe('nearestRankPercentile', () => {
  it('is the smallest value with at least p% of observations at or below it', () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(nearestRankPercentile(values, 50)).toBe(10);
    expect(nearestRankPercentile(values, 95)).toBe(19);
    expect(nearestRankPercentile([7], 95)).toBe(7);
    expect(nearestRankPercentile([1, 2], 50)).toBe(1);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});

describe('computeUsage', () => {
  it('sums requests, errors and tokens per model, with latency percentiles over successes only', () => {
    // 20 successes on flash with durations 10..200 ms, and two slow failures that must not count.
    for (let index = 1; index <= 20; index += 1) add({ at: now - hour + index, duration: index * 10, ttfb: index });
    add({ at: now - hour, status: 429, duration: 9000, error: 'limited', input: 0, output: 0 });
    add({ at: now - hour, status: 200, duration: 9000, error: 'stream broke', input: 3, output: 0 });
    add({ at: now - 2 * hour, model: 'claude-sonnet-4-5', duration: 500, ttfb: null, input: 1000, output: 50 });

    const report = usage({ group: 'model', bucket: 'hour' });
    expect(report.totals).toMatchObject({ requests: 23, errors: 2, input_tokens: 20 * 10 + 3 + 1000, output_tokens: 20 + 50 });
    expect(report.totals.error_rate).toBeCloseTo(2 / 23);
    const [claude, flash] = report.groups;
    expect(claude).toMatchObject({ key: 'claude-sonnet-4-5', requests: 1, errors: 0, latency_ms: { p50: 500, p95: 500 }, ttfb_ms: { p50: null, p95: null } });
    expect(flash).toMatchObject({ key: 'gemini-3-flash', requests: 22, errors: 2, latency_ms: { p50: 100, p95: 190 }, ttfb_ms: { p50: 10, p95: 19 } });
    expect(flash?.error_rate).toBeCloseTo(2 / 22);
    // Totals' percentiles are over all 21 successes.
    expect(report.totals.latency_ms).toEqual({ p50: 110, p95: 200 });
  });

  it('splits the series into hour or day buckets, oldest first', () => {
    add({ at: midnight + 1 * hour + 5, account: 'a@example.com' });
    add({ at: midnight + 1 * hour + 50, account: 'b@example.com' });
    add({ at: midnight + 3 * hour, account: 'a@example.com', input: 5 });
    add({ at: midnight - 2 * hour, account: 'a@example.com' });

    const hourly = usage({ group: 'account', bucket: 'hour', since: midnight - 24 * hour });
    expect(hourly.series.map((entry) => [entry.bucket_start, entry.key, entry.requests, entry.input_tokens])).toEqual([
      ['2026-03-09T22:00:00.000Z', 'a@example.com', 1, 10],
      ['2026-03-10T01:00:00.000Z', 'a@example.com', 1, 10],
      ['2026-03-10T01:00:00.000Z', 'b@example.com', 1, 10],
      ['2026-03-10T03:00:00.000Z', 'a@example.com', 1, 5],
    ]);
    const daily = usage({ group: 'account', bucket: 'day' });
    expect(daily.series.map((entry) => [entry.bucket_start, entry.key, entry.requests])).toEqual([
      ['2026-03-09T00:00:00.000Z', 'a@example.com', 1],
      ['2026-03-10T00:00:00.000Z', 'a@example.com', 2],
      ['2026-03-10T00:00:00.000Z', 'b@example.com', 1],
    ]);
    // Days that start at local midnight for a user at UTC+3: 22:00Z on the 9th is already the 10th there.
    const local = usage({ group: 'account', bucket: 'day', tz_offset_minutes: 180 });
    expect(local.series.map((entry) => [entry.bucket_start, entry.key, entry.requests])).toEqual([
      ['2026-03-09T21:00:00.000Z', 'a@example.com', 3],
      ['2026-03-09T21:00:00.000Z', 'b@example.com', 1],
    ]);
  });

  it('defaults to the last 24 hours for hour buckets and 30 days for day buckets', () => {
    add({ at: now - 25 * hour });
    add({ at: now - 1 * hour });
    expect(usage({ bucket: 'hour' }).totals.requests).toBe(1);
    expect(usage({ bucket: 'day' }).totals.requests).toBe(2);
    expect(usage({ bucket: 'hour' }).since).toBe(new Date(now - 24 * hour).toISOString());
  });

  it('groups by client key and by protocol', () => {
    add({ at: now - hour });
    expect(usage({ group: 'key' }).groups.map((group) => group.key)).toEqual(['default']);
    expect(usage({ group: 'protocol' }).groups.map((group) => group.key)).toEqual(['openai']);
  });

  it('counts AI requests (generation, token counting) unless lookups are asked for', () => {
    add({ at: now - hour, path: '/v1/messages', input: 100 });
    add({ at: now - hour, path: '/v1beta/models/gemini-3-flash:streamGenerateContent', input: 50 });
    add({ at: now - hour, path: '/v1/messages/count_tokens', input: 0, output: 0 });
    // Lookups: a model list, detect, a wrong path (404), client telemetry.
    add({ at: now - hour, method: 'GET', path: '/v1/models', input: 0, output: 0 });
    add({ at: now - hour, path: '/v1/models/detect', input: 0, output: 0 });
    add({ at: now - hour, path: '/v1/chat/completions/responses', status: 404, error: 'No route', input: 0, output: 0 });
    add({ at: now - hour, path: '/v1beta/models/gemini-3-flash/extra:generateContent', status: 404, error: 'No route', input: 0, output: 0 });

    const ai = usage({ group: 'model' });
    expect(ai.include_lookups).toBe(false);
    expect(ai.totals).toMatchObject({ requests: 3, errors: 0, error_rate: 0, input_tokens: 150 });
    const all = usage({ group: 'model', include_lookups: true });
    expect(all.totals).toMatchObject({ requests: 7, errors: 2 });
    // The admin API passes query strings.
    expect(usage({ group: 'model', include_lookups: 'true' } as unknown as UsageQueryInput).totals.requests).toBe(7);
  });

  it('answers an empty window with zeros and null percentiles', () => {
    expect(usage({})).toMatchObject({ totals: { requests: 0, error_rate: 0, latency_ms: { p50: null, p95: null } }, groups: [], series: [] });
  });
});
