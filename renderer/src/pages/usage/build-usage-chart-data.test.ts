import { describe, expect, it } from 'vitest';
import { makeUsageReport } from '../../../test-support/fixtures.js';
import type { UsageReport } from '../../store/view-types.js';
import { buildUsageChartData, otherSeriesColor } from './build-usage-chart-data.js';

const hour = 3_600_000;
const start = Date.UTC(2026, 0, 5, 10);

function entry(hoursIn: number, key: string | null, requests: number, tokens: number): UsageReport['series'][number] {
  return {
    bucket_start: new Date(start + hoursIn * hour).toISOString(),
    key,
    requests,
    errors: 0,
    error_rate: 0,
    input_tokens: tokens,
    output_tokens: 0,
    cached_tokens: 0,
    reasoning_tokens: 0,
  };
}

describe('buildUsageChartData', () => {
  it('has a row for every bucket, quiet ones at zero, and one stack per key, biggest first', () => {
    const report = makeUsageReport({ series: [entry(0, 'gemini-2.5-flash', 2, 100), entry(2, 'gemini-2.5-flash', 1, 50), entry(2, 'claude-sonnet-4-5', 1, 400)] });
    const data = buildUsageChartData(report, [start, start + hour, start + 2 * hour], 'tokens');
    expect(data.series.map((series) => [series.dataKey, series.key, series.total])).toEqual([
      ['s0', 'claude-sonnet-4-5', 400],
      ['s1', 'gemini-2.5-flash', 150],
    ]);
    expect(data.rows).toEqual([
      { bucket: start, s0: 0, s1: 100 },
      { bucket: start + hour, s0: 0, s1: 0 },
      { bucket: start + 2 * hour, s0: 400, s1: 50 },
    ]);
    expect(data.total).toBe(550);
    expect(buildUsageChartData(report, [start], 'requests').series.map((series) => series.key)).toEqual(['gemini-2.5-flash', 'claude-sonnet-4-5']);
  });

  it('adds the smaller keys up as "Other" beyond the colours it has', () => {
    const report = makeUsageReport({ series: [entry(0, 'a', 1, 40), entry(0, 'b', 1, 30), entry(0, 'c', 1, 20), entry(0, null, 1, 10)] });
    const data = buildUsageChartData(report, [start], 'tokens', 3);
    expect(data.series.map((series) => [series.dataKey, series.key, series.other, series.total])).toEqual([
      ['s0', 'a', false, 40],
      ['s1', 'b', false, 30],
      ['other', null, true, 30],
    ]);
    expect(data.series[2]?.color).toBe(otherSeriesColor);
    expect(data.rows).toEqual([{ bucket: start, s0: 40, s1: 30, other: 30 }]);
  });

  it('is empty without usage', () => {
    const data = buildUsageChartData(makeUsageReport({ series: [] }), [start, start + hour], 'requests');
    expect(data).toEqual({ rows: [{ bucket: start }, { bucket: start + hour }], series: [], total: 0 });
  });
});
