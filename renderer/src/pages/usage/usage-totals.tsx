/** The window at a glance: requests and errors, tokens, and how fast answers came (p50/p95). */
import { useTranslation } from 'react-i18next';
import { StatTile } from '../../components/stat-tile.js';
import type { UsageReport } from '../../store/view-types.js';
import { formatCompact, formatCount, formatDuration, formatPercent } from '../../util/format-figures.js';

export function UsageTotals({ totals }: { totals: UsageReport['totals'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <dl className="stats" aria-label={t('usage.totals')}>
      <StatTile label={t('usage.requests')} value={formatCount(totals.requests, locale)} detail={t('usage.errorsCount', { errors: formatCount(totals.errors, locale) })} />
      <StatTile label={t('usage.errorRate')} value={formatPercent(totals.error_rate, locale)} tone={totals.errors > 0 ? 'danger' : 'neutral'} />
      <StatTile
        label={t('usage.tokens')}
        value={formatCompact(totals.input_tokens + totals.output_tokens, locale)}
        title={formatCount(totals.input_tokens + totals.output_tokens, locale)}
        detail={t('usage.tokensDetail', { input: formatCompact(totals.input_tokens, locale), output: formatCompact(totals.output_tokens, locale), cached: formatCompact(totals.cached_tokens, locale) })}
      />
      <StatTile
        label={t('usage.latency')}
        value={formatDuration(totals.latency_ms.p50, locale)}
        detail={t('usage.p95', { value: formatDuration(totals.latency_ms.p95, locale) })}
      />
      <StatTile label={t('usage.ttfb')} value={formatDuration(totals.ttfb_ms.p50, locale)} detail={t('usage.p95', { value: formatDuration(totals.ttfb_ms.p95, locale) })} />
    </dl>
  );
}
