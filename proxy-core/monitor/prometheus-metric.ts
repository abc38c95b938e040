/**
 * Counters and histograms held in memory, rendered in the Prometheus text exposition format
 * (version 0.0.4: `# HELP`, `# TYPE`, one sample per line, label values escaped, histogram
 * buckets cumulative and ending with `le="+Inf"`). Just what /metrics needs; no registry, no
 * client library.
 *
 * Label values may come from clients (model names): past `maxSeries` label sets, the labels
 * named in `overflowLabels` become `_other`, so memory stays bounded whatever clients send.
 */
export interface MetricOptions<Label extends string> {
  name: string;
  help: string;
  labels: readonly Label[];
  maxSeries?: number;
  overflowLabels?: readonly Label[];
}

export type LabelValues<Label extends string> = Record<Label, string>;

export const overflowLabelValue = '_other';

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatSampleValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

export function formatLabels(pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return '';
  return `{${pairs.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

export function formatFamilyHeader(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
}

interface SeriesEntry<Value> {
  labels: string[];
  value: Value;
}

/** One level per label: a label value leads to the next level, the last to the series. */
type SeriesLevel<Value> = Map<string, SeriesLevel<Value> | SeriesEntry<Value>>;

/**
 * Series keyed by their label values, with the overflow rule applied. Called for every
 * observation, so a known series is found by one map lookup per label, on the values as they
 * are: no key string is built (a joined key cost a concatenation, and the flattening and hashing
 * of the result, on every lookup).
 */
class SeriesMap<Label extends string, Value> {
  private readonly root: SeriesLevel<Value> = new Map();
  /** Every series, in order of creation. */
  private readonly list: Array<SeriesEntry<Value>> = [];

  constructor(
    private readonly options: MetricOptions<Label>,
    private readonly create: () => Value,
  ) {}

  get(labels: LabelValues<Label>): Value {
    const names = this.options.labels;
    let level = this.root;
    for (let index = 0; index < names.length - 1; index += 1) {
      const next = level.get(labels[names[index] as Label]) as SeriesLevel<Value> | undefined;
      if (next === undefined) return this.add(names.map((name) => labels[name]));
      level = next;
    }
    const entry = level.get(names.length === 0 ? '' : labels[names[names.length - 1] as Label]) as SeriesEntry<Value> | undefined;
    return entry === undefined ? this.add(names.map((name) => labels[name])) : entry.value;
  }

  /** A label set seen for the first time: a new series, or `_other`'s once the limit is reached. */
  private add(values: string[]): Value {
    const names = this.options.labels;
    let labels = values;
    if (this.list.length >= (this.options.maxSeries ?? 1000)) {
      const overflow = new Set<string>(this.options.overflowLabels ?? names);
      labels = names.map((name, index) => (overflow.has(name) ? overflowLabelValue : (values[index] as string)));
    }
    let level = this.root;
    for (let index = 0; index < names.length - 1; index += 1) {
      const key = labels[index] as string;
      let next = level.get(key) as SeriesLevel<Value> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    const key = names.length === 0 ? '' : (labels[names.length - 1] as string);
    let entry = level.get(key) as SeriesEntry<Value> | undefined;
    if (entry === undefined) {
      entry = { labels, value: this.create() };
      level.set(key, entry);
      this.list.push(entry);
    }
    return entry.value;
  }

  *entries(): Generator<[Array<[string, string]>, Value]> {
    for (const { labels, value } of this.list) {
      yield [this.options.labels.map((name, index) => [name, labels[index] ?? ''] as [string, string]), value];
    }
  }
}

export class Counter<Label extends string> {
  private readonly series: SeriesMap<Label, { value: number }>;

  constructor(private readonly options: MetricOptions<Label>) {
    this.series = new SeriesMap(options, () => ({ value: 0 }));
  }

  inc(labels: LabelValues<Label>, by = 1): void {
    if (by < 0 || !Number.isFinite(by)) return;
    this.series.get(labels).value += by;
  }

  render(): string {
    let text = formatFamilyHeader(this.options.name, this.options.help, 'counter');
    for (const [labels, { value }] of this.series.entries()) text += `${this.options.name}${formatLabels(labels)} ${formatSampleValue(value)}\n`;
    return text;
  }
}

interface HistogramSeries {
  /** Per bucket, not cumulative; the last slot is above the highest bound. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram<Label extends string> {
  private readonly series: SeriesMap<Label, HistogramSeries>;

  constructor(
    private readonly options: MetricOptions<Label>,
    private readonly bounds: readonly number[],
  ) {
    this.series = new SeriesMap(options, () => ({ counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 }));
  }

  observe(labels: LabelValues<Label>, value: number): void {
    if (!Number.isFinite(value)) return;
    const series = this.series.get(labels);
    const bounds = this.bounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index += 1;
    series.counts[index] = (series.counts[index] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  render(): string {
    const { name } = this.options;
    let text = formatFamilyHeader(name, this.options.help, 'histogram');
    for (const [labels, series] of this.series.entries()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.counts[index] ?? 0;
        text += `${name}_bucket${formatLabels([...labels, ['le', formatSampleValue(bound)]])} ${cumulative}\n`;
      });
      text += `${name}_bucket${formatLabels([...labels, ['le', '+Inf']])} ${series.count}\n`;
      text += `${name}_sum${formatLabels(labels)} ${formatSampleValue(series.sum)}\n`;
      text += `${name}_count${formatLabels(labels)} ${series.count}\n`;
    }
    return text;
  }
}

/** A gauge family read at scrape time. */
export function renderGauge(name: string, help: string, samples: ReadonlyArray<{ labels?: ReadonlyArray<readonly [string, string]>; value: number }>): string {
  let text = formatFamilyHeader(name, help, 'gauge');
  for (const sample of samples) text += `${name}${formatLabels(sample.labels ?? [])} ${formatSampleValue(sample.value)}\n`;
  return text;
}

/** A counter family whose value is kept elsewhere (read at scrape time). */
export function renderCounterValue(name: string, help: string, value: number): string {
  return `${formatFamilyHeader(name, help, 'counter')}${name} ${formatSampleValue(value)}\n`;
}
