/**
 * Which account burns the quota: per account, what it served in the window and its share of the
 * tokens, next to what each model has left right now and when it resets.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.js';
import { EmptyState } from '../../components/load-states.js';
import type { AccountView, UsageReport } from '../../store/view-types.js';
import { formatCompact, formatCount, formatPercent } from '../../util/format-figures.js';
import { AccountQuotas } from '../accounts/account-quotas.js';
import { AccountStatusBadge } from '../accounts/account-status-badge.js';
import { buildQuotaBurnRows } from './build-quota-burn-rows.js';

export function QuotaBurnTable({ accounts, byAccount }: { accounts: readonly AccountView[]; byAccount: UsageReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rows = useMemo(() => buildQuotaBurnRows(accounts, byAccount), [accounts, byAccount]);
  return (
    <Card title={t('usage.burnTitle')} description={t('usage.burnDescription')} className="card--flush">
      {rows.length === 0 ? (
        <EmptyState title={t('usage.burnEmpty')} />
      ) : (
        <div className="table-scroll">
          <table className="table table--cards burn-table">
            <caption className="visually-hidden">{t('usage.burnTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('usage.burnColumns.account')}</th>
                <th scope="col" className="burn-table__number">{t('usage.burnColumns.requests')}</th>
                <th scope="col" className="burn-table__number">{t('usage.burnColumns.tokens')}</th>
                <th scope="col">{t('usage.burnColumns.share')}</th>
                <th scope="col">{t('usage.burnColumns.quota')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.email} data-testid={`burn-${row.email}`}>
                  <th scope="row" className="burn-table__account">
                    <span>{row.email}</span>
                    {row.account === null ? <span className="muted small">{t('usage.burnRemoved')}</span> : <AccountStatusBadge status={row.account.status} />}
                  </th>
                  <td className="burn-table__number" data-label={t('usage.burnColumns.requests')}>
                    {formatCount(row.requests, locale)}
                    {row.errors === 0 ? null : <span className="burn-table__errors">{t('usage.burnErrors', { errors: formatCount(row.errors, locale) })}</span>}
                  </td>
                  <td className="burn-table__number" data-label={t('usage.burnColumns.tokens')} title={t('usage.tokensInOut', { input: formatCount(row.inputTokens, locale), output: formatCount(row.outputTokens, locale) })}>
                    {formatCompact(row.inputTokens, locale)} / {formatCompact(row.outputTokens, locale)}
                  </td>
                  <td className="burn-table__share" data-label={t('usage.burnColumns.share')}>
                    <div className="share-bar" role="img" aria-label={formatPercent(row.share, locale)}>
                      <div className="share-bar__fill" style={{ width: `${Math.round(row.share * 100)}%` }} />
                    </div>
                    <span className="small muted">{formatPercent(row.share, locale)}</span>
                  </td>
                  <td className="burn-table__quota" data-label={t('usage.burnColumns.quota')}>{row.account === null ? <span className="muted">—</span> : <AccountQuotas account={row.account} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
