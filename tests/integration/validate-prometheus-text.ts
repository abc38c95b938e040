/**
 * Read a /metrics answer the way Prometheus would: prom2javascript (which throws on a sample or
 * label it cannot read), plus the rules it lets pass: one HELP and TYPE per family before its
 * samples, no repeated series, and histogram buckets cumulative with `+Inf` equal to `_count`.
 */
import { Readable } from 'node:stream';
import { getMetricsFromStream, type PromHistogramData, type PromMetrics } from 'prom2javascript';

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|-Inf|NaN))$/;

function checkLines(text: string): void {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const typed = new Map<string, string>();
  const helped = new Set<string>();
  const seenSeries = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const help = /^# HELP (\S+) (.*)$/.exec(line);
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (help !== null) {
      const name = help[1] ?? '';
      if (!metricName.test(name) || helped.has(name)) throw new Error(`bad or repeated HELP: ${line}`);
      helped.add(name);
      continue;
    }
    if (type !== null) {
      const name = type[1] ?? '';
      if (typed.has(name)) throw new Error(`repeated TYPE: ${line}`);
      typed.set(name, type[2] ?? '');
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment: ${line}`);
    const sample = sampleLine.exec(line);
    if (sample === null) throw new Error(`not a sample line: ${line}`);
    const name = sample[1] ?? '';
    const histogramBase = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
    const known = typed.has(name) || (histogramBase !== undefined && typed.get(histogramBase) === 'histogram');
    if (!known) throw new Error(`sample before its TYPE: ${line}`);
    const series = `${name}${sample[2] ?? ''}`;
    if (seenSeries.has(series)) throw new Error(`repeated series: ${series}`);
    seenSeries.add(series);
  }
}

function checkHistogram(name: string, data: PromHistogramData): void {
  const buckets = Object.entries(data.buckets)
    .map(([bound, count]) => [bound === '+Inf' ? Number.POSITIVE_INFINITY : Number(bound), count] as const)
    .sort(([a], [b]) => a - b);
  if (buckets.at(-1)?.[0] !== Number.POSITIVE_INFINITY) throw new Error(`${name}: no +Inf bucket`);
  for (let index = 1; index < buckets.length; index += 1) {
    if ((buckets[index]?.[1] ?? 0) < (buckets[index - 1]?.[1] ?? 0)) throw new Error(`${name}: buckets are not cumulative`);
  }
  if (buckets.at(-1)?.[1] !== data.count) throw new Error(`${name}: +Inf bucket differs from _count`);
}

export async function validatePrometheusText(text: string): Promise<PromMetrics> {
  checkLines(text);
  const metrics = await getMetricsFromStream(Readable.from([text]));
  for (const [name, metric] of Object.entries(metrics)) {
    if (metric.type === 'histogram') for (const data of metric.data as PromHistogramData[]) checkHistogram(name, data);
  }
  return metrics;
}

/** The value (or a histogram's count) of the one series of `name` carrying `labels`. */
export function sampleValue(metrics: PromMetrics, name: string, labels: Record<string, string> = {}): number | undefined {
  const matches = (metrics[name]?.data ?? []).filter((data) => Object.entries(labels).every(([key, value]) => data.labels[key] === value));
  const first = matches[0];
  if (first === undefined) return undefined;
  return 'value' in first ? first.value : 'count' in first ? first.count : undefined;
}
