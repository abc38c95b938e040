/**
 * Usage: requests, errors, tokens and speed over the last day, week or month; tokens and requests
 * over time by model and by account; and which account burns which quota.
 */
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/card.js';
import { UsageIcon } from '../../components/icons.js';
import { EmptyState, ResourceView } from '../../components/load-states.js';
import { SegmentedControl } from '../../components/segmented-control.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { useAppStore } from '../../store/app-store-context.js';
import { usageWindows, type UsageWindow } from '../../store/resolve-usage-window.js';
import { Switch } from '../../components/switch.js';
import {
  selectAccounts,
  selectLoadUsage,
  selectSetUsageIncludeLookups,
  selectSetUsageWindow,
  selectUsage,
  selectUsageIncludeLookups,
  selectUsageWindow,
} from '../../store/selectors.js';
import { QuotaBurnTable } from './quota-burn-table.js';
import { UsageChart } from './usage-chart.js';
import { UsageTotals } from './usage-totals.js';

const windowLabelKeys: Record<UsageWindow, TranslationKey> = {
  '24h': 'usage.windows.24h',
  '7d': 'usage.windows.7d',
  '30d': 'usage.windows.30d',
};

export function UsagePage() {
  const { t } = useTranslation();
  const usage = useAppStore(selectUsage);
  const usageWindow = useAppStore(selectUsageWindow);
  const setWindow = useAppStore(selectSetUsageWindow);
  const load = useAppStore(selectLoadUsage);
  const includeLookups = useAppStore(selectUsageIncludeLookups);
  const setIncludeLookups = useAppStore(selectSetUsageIncludeLookups);
  const accounts = useAppStore(selectAccounts).data;
  const noKey = t('usage.noKey');
  const formatKey = useCallback((key: string | null) => key ?? noKey, [noKey]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page page--wide">
      <PageHeader
        title={t('usage.title')}
        description={t('usage.description')}
        actions={
          <SegmentedControl
            legend={t('usage.window')}
            hideLegend
            name="usage-window"
            value={usageWindow}
            options={usageWindows.map((value) => ({ value, label: t(windowLabelKeys[value]) }))}
            onChange={setWindow}
          />
        }
      />
      <Switch id="usage-include-lookups" checked={includeLookups} onChange={setIncludeLookups} label={t('usage.includeLookups')} description={t('usage.includeLookupsDescription')} />
      <ResourceView resource={usage} onRetry={() => void load()} loadingLabel={t('usage.loading')}>
        {(data) => (
          <>
            <UsageTotals totals={data.byModel.totals} />
            {data.byModel.totals.requests === 0 ? (
              <EmptyState icon={<UsageIcon width={32} height={32} />} title={t('usage.emptyTitle')} text={t('usage.emptyText')} />
            ) : (
              <div className="grid">
                <UsageChart title={t('usage.byModel')} description={t('usage.byModelDescription')} report={data.byModel} bucketStarts={data.bucketStarts} formatKey={formatKey} />
                <UsageChart title={t('usage.byAccount')} description={t('usage.byAccountDescription')} report={data.byAccount} bucketStarts={data.bucketStarts} formatKey={formatKey} />
                <UsageChart title={t('usage.byKey')} description={t('usage.byKeyDescription')} report={data.byKey} bucketStarts={data.bucketStarts} formatKey={formatKey} />
              </div>
            )}
            <QuotaBurnTable accounts={accounts ?? []} byAccount={data.byAccount} />
          </>
        )}
      </ResourceView>
    </div>
  );
}
