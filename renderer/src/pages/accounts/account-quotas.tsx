/**
 * Every model's quota of one account in the order of use: the models this gateway served recently
 * first, the rest behind "Show all" (when nothing was served yet, the lowest few first).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QuotaBar } from '../../components/quota-bar.js';
import { useAppStore } from '../../store/app-store-context.js';
import { orderQuotasByUse } from '../../store/derive-account-summaries.js';
import { selectServedModels } from '../../store/selectors.js';
import type { AccountView } from '../../store/view-types.js';

const collapsedCount = 4;

export function AccountQuotas({ account, thresholdPercent = 0 }: { account: AccountView; thresholdPercent?: number }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const served = useAppStore(selectServedModels);
  const { lines: quotas, featured } = useMemo(() => orderQuotasByUse(account.quotas, served, collapsedCount), [account.quotas, served]);
  if (quotas.length === 0) {
    return <p className="muted small">{account.quotas_updated_at === null ? t('accounts.quotasUnknown') : t('accounts.quotasNone')}</p>;
  }
  const shown = expanded ? quotas : quotas.slice(0, featured);
  return (
    <div className="account-quotas">
      <div className="account-quotas__grid">
        {shown.map((quota) => (
          <QuotaBar key={quota.model} label={quota.display_name ?? quota.model} detail={quota.model} remainingFraction={quota.remaining_fraction} resetTime={quota.reset_time} thresholdPercent={thresholdPercent} />
        ))}
      </div>
      {quotas.length > featured ? (
        <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('accounts.showFewerQuotas') : t('accounts.showAllQuotas', { count: quotas.length })}
        </button>
      ) : null}
    </div>
  );
}
