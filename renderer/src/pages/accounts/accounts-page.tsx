/** Accounts: the pool with status and quotas; search, filter, bulk actions; add, enable/disable, remove, refresh, prefer. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card, PageHeader } from '../../components/card.js';
import { AccountsIcon, FlameIcon, PlusIcon, RefreshIcon } from '../../components/icons.js';
import { EmptyState, ResourceView } from '../../components/load-states.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectAccounts, selectLoadAccounts, selectRefreshingAllQuotas, selectRefreshQuotas, selectSettings, selectWarmingUpAll } from '../../store/selectors.js';
import { AccountsTransferActions } from './accounts-transfer-actions.js';
import { AddAccountDialog } from './add-account-dialog.js';
import { ManagedAccounts } from './managed-accounts.js';
import { useWarmUp } from './use-warm-up.js';

export function AccountsPage() {
  const { t } = useTranslation();
  const accounts = useAppStore(selectAccounts);
  const reload = useAppStore(selectLoadAccounts);
  const refreshAll = useAppStore(selectRefreshQuotas);
  const refreshingAll = useAppStore(selectRefreshingAllQuotas);
  const warmUp = useWarmUp();
  const warmingUpAll = useAppStore(selectWarmingUpAll);
  const protection = useAppStore(selectSettings).data?.accounts;
  // `#/accounts/add` (the Dashboard's "Add account") opens the dialog at once.
  const [adding, setAdding] = useState(() => window.location.hash === '#/accounts/add');
  useEffect(() => {
    if (window.location.hash === '#/accounts/add') window.history.replaceState(null, '', '#/accounts');
  }, []);
  const hasAccounts = (accounts.data?.length ?? 0) > 0;

  return (
    <div className="page">
      <PageHeader
        title={t('accounts.title')}
        description={t('accounts.description')}
        actions={
          <>
            <Button icon={<RefreshIcon />} busy={refreshingAll} disabled={!hasAccounts} onClick={() => void refreshAll()}>
              {t('accounts.refreshAll')}
            </Button>
            <Button icon={<FlameIcon />} busy={warmingUpAll} disabled={!hasAccounts} onClick={() => void warmUp()}>
              {t('accounts.warmUpAll')}
            </Button>
            <AccountsTransferActions hasAccounts={hasAccounts} />
            <Button variant="primary" icon={<PlusIcon />} onClick={() => setAdding(true)}>
              {t('accounts.add')}
            </Button>
          </>
        }
      />
      {protection !== undefined && protection.quota_protection_percent > 0 ? (
        <p className="muted small" data-testid="quota-protection-summary">
          {t('accounts.protectionOn', { percent: protection.quota_protection_percent, mode: protection.quota_protection_mode })}
        </p>
      ) : null}
      <Card>
        <ResourceView resource={accounts} onRetry={() => void reload()} loadingLabel={t('accounts.loading')}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState
                icon={<AccountsIcon width={32} height={32} />}
                title={t('accounts.emptyTitle')}
                text={t('accounts.emptyText')}
                action={
                  <Button variant="primary" icon={<PlusIcon />} onClick={() => setAdding(true)}>
                    {t('accounts.add')}
                  </Button>
                }
              />
            ) : (
              <ManagedAccounts accounts={items} thresholdPercent={protection?.quota_protection_percent ?? 0} />
            )
          }
        </ResourceView>
      </Card>
      {adding ? <AddAccountDialog onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
