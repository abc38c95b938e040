/**
 * Dashboard: is the gateway serving and where, how many requests and errors today, how the
 * accounts stand, which quotas run out first.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../components/card.js';
import { EmptyState, ResourceView } from '../../components/load-states.js';
import { QuotaBar } from '../../components/quota-bar.js';
import { StatTile } from '../../components/stat-tile.js';
import { pageHref } from '../../navigation/use-hash-route.js';
import { useAppStore } from '../../store/app-store-context.js';
import { accountStatusOrder, countAccountsByStatus, findLowestQuotas } from '../../store/derive-account-summaries.js';
import { selectAccounts, selectLoadAccounts, selectLoadTodayUsage, selectServedModels, selectTodayUsage } from '../../store/selectors.js';
import type { AccountView, UsageReport } from '../../store/view-types.js';
import { formatCompact, formatCount, formatPercent } from '../../util/format-figures.js';
import { AccountStatusBadge } from '../accounts/account-status-badge.js';
import { GatewayCard } from '../gateway-card.js';

export function DashboardPage() {
  const { t } = useTranslation();
  const accounts = useAppStore(selectAccounts);
  const reload = useAppStore(selectLoadAccounts);
  const today = useAppStore(selectTodayUsage);
  const loadToday = useAppStore(selectLoadTodayUsage);
  useEffect(() => {
    void loadToday();
  }, [loadToday]);
  return (
    <div className="page">
      <PageHeader title={t('dashboard.title')} description={t('dashboard.description')} />
      <div className="grid grid--dashboard">
        <GatewayCard />
        <Card title={t('dashboard.accountsTitle')} actions={<a href={pageHref('accounts')}>{t('dashboard.manageAccounts')}</a>}>
          <ResourceView resource={accounts} onRetry={() => void reload()}>
            {(items) => <AccountsByStatus accounts={items} />}
          </ResourceView>
        </Card>
        <Card title={t('dashboard.todayTitle')} actions={<a href={pageHref('monitor')}>{t('dashboard.openMonitor')}</a>} className="grid__wide">
          <ResourceView resource={today} onRetry={() => void loadToday()}>
            {(report) => <TodayFigures totals={report.totals} />}
          </ResourceView>
        </Card>
        <Card title={t('dashboard.lowestQuotasTitle')} description={t('dashboard.lowestQuotasDescription')} className="grid__wide">
          <ResourceView resource={accounts} onRetry={() => void reload()}>
            {(items) => <LowestQuotas accounts={items} />}
          </ResourceView>
        </Card>
      </div>
    </div>
  );
}

function TodayFigures({ totals }: { totals: UsageReport['totals'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const tokens = totals.input_tokens + totals.output_tokens;
  return (
    <dl className="stats stats--compact" aria-label={t('dashboard.todayTitle')}>
      <StatTile label={t('dashboard.todayRequests')} value={formatCount(totals.requests, locale)} />
      <StatTile label={t('dashboard.todayErrors')} value={formatCount(totals.errors, locale)} tone={totals.errors > 0 ? 'danger' : 'neutral'} detail={totals.requests === 0 ? undefined : t('dashboard.todayErrorRate', { rate: formatPercent(totals.error_rate, locale) })} />
      <StatTile label={t('dashboard.todayTokens')} value={formatCompact(tokens, locale)} title={formatCount(tokens, locale)} />
    </dl>
  );
}

function AccountsByStatus({ accounts }: { accounts: AccountView[] }) {
  const { t } = useTranslation();
  const counts = useMemo(() => countAccountsByStatus(accounts), [accounts]);
  if (accounts.length === 0) {
    return <EmptyState title={t('dashboard.noAccounts')} text={t('dashboard.noAccountsText')} action={<a className="button button--primary" href={`${pageHref('accounts')}/add`}>{t('accounts.add')}</a>} />;
  }
  return (
    <ul className="status-counts" aria-label={t('dashboard.accountsTitle')}>
      {accountStatusOrder.map((status) => (
        <li key={status} className={counts[status] === 0 ? 'status-counts__item status-counts__item--zero' : 'status-counts__item'}>
          <AccountStatusBadge status={status} />
          <span className="status-counts__number">{counts[status]}</span>
        </li>
      ))}
    </ul>
  );
}

function LowestQuotas({ accounts }: { accounts: AccountView[] }) {
  const { t } = useTranslation();
  const served = useAppStore(selectServedModels);
  const [expanded, setExpanded] = useState(false);
  const { entries, featured } = useMemo(() => findLowestQuotas(accounts, served, 6), [accounts, served]);
  if (entries.length === 0) return <EmptyState title={t('dashboard.noQuotas')} text={t('dashboard.noQuotasText')} />;
  const shown = expanded ? entries : entries.slice(0, featured);
  return (
    <>
      <ul className="quota-list">
        {shown.map((entry) => (
          <li key={`${entry.email}/${entry.model}`} className="quota-list__item">
            <span className="quota-list__account">{entry.email}</span>
            <QuotaBar label={entry.label} detail={entry.model} remainingFraction={entry.remainingFraction} resetTime={entry.resetTime} />
          </li>
        ))}
      </ul>
      {entries.length > featured ? (
        <button type="button" className="link-button quota-list__more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('accounts.showFewerQuotas') : t('dashboard.showAllQuotas', { count: entries.length })}
        </button>
      ) : null}
    </>
  );
}
