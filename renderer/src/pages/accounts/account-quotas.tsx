/** Every model's quota of one account, lowest first; the first few unless expanded. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QuotaBar } from '../../components/quota-bar.js';
import type { AccountView } from '../../store/view-types.js';

const collapsedCount = 4;

export function AccountQuotas({ account, thresholdPercent = 0 }: { account: AccountView; thresholdPercent?: number }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const quotas = useMemo(
    () =>
      Object.entries(account.quotas)
        .map(([model, quota]) => ({ model, ...quota }))
        .sort((a, b) => a.remaining_fraction - b.remaining_fraction || a.model.localeCompare(b.model)),
    [account.quotas],
  );
  if (quotas.length === 0) {
    return <p className="muted small">{account.quotas_updated_at === null ? t('accounts.quotasUnknown') : t('accounts.quotasNone')}</p>;
  }
  const shown = expanded ? quotas : quotas.slice(0, collapsedCount);
  return (
    <div className="account-quotas">
      <div className="account-quotas__grid">
        {shown.map((quota) => (
          <QuotaBar key={quota.model} label={quota.display_name ?? quota.model} detail={quota.model} remainingFraction={quota.remaining_fraction} resetTime={quota.reset_time} thresholdPercent={thresholdPercent} />
        ))}
      </div>
      {quotas.length > collapsedCount ? (
        <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('accounts.showFewerQuotas') : t('accounts.showAllQuotas', { count: quotas.length })}
        </button>
      ) : null}
    </div>
  );
}
