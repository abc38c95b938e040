/**
 * A usage report's series as rows for a stacked bar chart: one row per bucket of the window (quiet
 * buckets as zero), one stack per model or account. The biggest few get their own colour, the
 * rest add up to "Other". Stacks are keyed `s0`, `s1`…: recharts reads a dotted key as a path,
 * and model names and emails have dots.
 */
import type { UsageReport } from '../../store/view-types.js';

export const usageMetrics = ['tokens', 'requests'] as const;
export type UsageMetric = (typeof usageMetrics)[number];

/** Distinct on light and dark backgrounds; the last is for "Other". */
export const seriesColors = ['#3b6cf6', '#22a06b', '#e0922b', '#9b5de5', '#e5484d', '#0ea5b7'] as const;
export const otherSeriesColor = '#8d99ae';

export interface UsageChartSeries {
  dataKey: string;
  /** The model or account; null for requests that had none (refused before a model was read). */
  key: string | null;
  /** "Other": the smaller keys together. */
  other: boolean;
  color: string;
  total: number;
}

export type UsageChartRow = { bucket: number } & Record<string, number>;

export interface UsageChartData {
  rows: UsageChartRow[];
  series: UsageChartSeries[];
  total: number;
}

type SeriesEntry = UsageReport['series'][number];

export function measureUsage(entry: Pick<SeriesEntry, 'requests' | 'input_tokens' | 'output_tokens'>, metric: UsageMetric): number {
  return metric === 'requests' ? entry.requests : entry.input_tokens + entry.output_tokens;
}

export function buildUsageChartData(report: UsageReport, bucketStarts: readonly number[], metric: UsageMetric, maxSeries: number = seriesColors.length): UsageChartData {
  const totals = new Map<string | null, number>();
  for (const entry of report.series) totals.set(entry.key, (totals.get(entry.key) ?? 0) + measureUsage(entry, metric));
  const ranked = [...totals].filter(([, total]) => total > 0).sort(([a, x], [b, y]) => y - x || String(a).localeCompare(String(b)));
  // Room for "Other" only when something is left over.
  const ownColours = ranked.length > maxSeries ? maxSeries - 1 : ranked.length;
  const series: UsageChartSeries[] = ranked.slice(0, ownColours).map(([key, total], index) => ({
    dataKey: `s${index}`,
    key,
    other: false,
    color: seriesColors[index % seriesColors.length] ?? otherSeriesColor,
    total,
  }));
  const rest = ranked.slice(ownColours);
  const other: UsageChartSeries | null =
    rest.length === 0 ? null : { dataKey: 'other', key: null, other: true, color: otherSeriesColor, total: rest.reduce((sum, [, total]) => sum + total, 0) };
  const dataKeyOf = new Map<string | null, string>(series.map((entry) => [entry.key, entry.dataKey]));

  const empty = (bucket: number): UsageChartRow => {
    const row: UsageChartRow = { bucket };
    for (const entry of series) row[entry.dataKey] = 0;
    if (other !== null) row[other.dataKey] = 0;
    return row;
  };
  const rows = new Map<number, UsageChartRow>(bucketStarts.map((bucket) => [bucket, empty(bucket)]));
  for (const entry of report.series) {
    const bucket = Date.parse(entry.bucket_start);
    // A bucket outside the expected ones (a clock change in the window) still shows.
    let row = rows.get(bucket);
    if (row === undefined) rows.set(bucket, (row = empty(bucket)));
    const dataKey = dataKeyOf.get(entry.key) ?? other?.dataKey;
    if (dataKey !== undefined) row[dataKey] = (row[dataKey] ?? 0) + measureUsage(entry, metric);
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.bucket - b.bucket),
    series: other === null ? series : [...series, other],
    total: ranked.reduce((sum, [, total]) => sum + total, 0),
  };
}
