/**
 * Tokens or requests over the window as stacked bars, one colour per model or account, with a
 * legend and a tooltip per bucket. The figure's label says what it shows, and a hidden table
 * gives screen readers the same numbers.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '../../components/card.js';
import { EmptyState } from '../../components/load-states.js';
import { SegmentedControl } from '../../components/segmented-control.js';
import type { UsageReport } from '../../store/view-types.js';
import { formatCompact, formatCount } from '../../util/format-figures.js';
import { buildUsageChartData, type UsageChartSeries, type UsageMetric } from './build-usage-chart-data.js';

export function UsageChart({
  title,
  description,
  report,
  bucketStarts,
  formatKey,
}: {
  title: string;
  description: string;
  report: UsageReport;
  bucketStarts: number[];
  /** A legend name for a key (null: no model or account). */
  formatKey: (key: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [metric, setMetric] = useState<UsageMetric>('tokens');
  const data = useMemo(() => buildUsageChartData(report, bucketStarts, metric), [report, bucketStarts, metric]);
  const nameOf = (series: UsageChartSeries) => (series.other ? t('usage.other') : formatKey(series.key));
  const formatBucket = (bucket: number) =>
    report.bucket === 'hour'
      ? new Date(bucket).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
      : new Date(bucket).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  const metricLabel = metric === 'tokens' ? t('usage.metricTokens') : t('usage.metricRequests');

  return (
    <Card
      title={title}
      description={description}
      actions={
        <SegmentedControl
          legend={t('usage.metric')}
          hideLegend
          name={`metric-${title}`}
          value={metric}
          options={[
            { value: 'tokens', label: t('usage.metricTokens') },
            { value: 'requests', label: t('usage.metricRequests') },
          ]}
          onChange={setMetric}
        />
      }
    >
      {data.series.length === 0 ? (
        <EmptyState title={t('usage.chartEmpty')} />
      ) : (
        <figure className="chart" aria-label={t('usage.chartLabel', { metric: metricLabel, title })}>
          <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 640, height: 260 }}>
            <BarChart data={data.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="18%">
              <CartesianGrid vertical={false} />
              <XAxis dataKey="bucket" tickFormatter={formatBucket} tickLine={false} minTickGap={16} />
              <YAxis tickFormatter={(value: number) => formatCompact(value, locale)} tickLine={false} axisLine={false} width={48} allowDecimals={false} />
              <Tooltip
                cursor={{ className: 'chart__cursor' }}
                labelFormatter={(bucket) => formatBucket(Number(bucket))}
                formatter={(value) => formatCount(Number(value), locale)}
                wrapperClassName="chart__tooltip"
              />
              <Legend iconType="circle" iconSize={8} />
              {data.series.map((series) => (
                <Bar key={series.dataKey} dataKey={series.dataKey} name={nameOf(series)} stackId="usage" fill={series.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="visually-hidden">
            <table>
              <caption>{t('usage.chartLabel', { metric: metricLabel, title })}</caption>
              <tbody>
                {data.series.map((series) => (
                  <tr key={series.dataKey}>
                    <th scope="row">{nameOf(series)}</th>
                    <td>{formatCount(series.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      )}
    </Card>
  );
}
