/** The accounts of one page, each row with a checkbox for the selection. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store-context.js';
import { selectPreferredAccount } from '../../store/selectors.js';
import type { AccountView } from '../../store/view-types.js';
import { AccountRow } from './account-row.js';

export function AccountsTable({
  accounts,
  thresholdPercent,
  selected,
  onSelect,
}: {
  accounts: readonly AccountView[];
  thresholdPercent: number;
  /** Lower-cased emails. */
  selected: ReadonlySet<string>;
  onSelect: (emails: string[], selected: boolean) => void;
}) {
  const { t } = useTranslation();
  const preferred = useAppStore(selectPreferredAccount);
  return (
    <div className="table-scroll">
      <table className="table table--cards accounts-table">
        <caption className="visually-hidden">{t('accounts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.columns.account')}</th>
            <th scope="col">{t('accounts.columns.status')}</th>
            <th scope="col">{t('accounts.columns.quotas')}</th>
            <th scope="col">{t('accounts.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <AccountRow
              key={account.email}
              account={account}
              preferred={preferred !== '' && preferred === account.email.toLowerCase()}
              thresholdPercent={thresholdPercent}
              selected={selected.has(account.email.toLowerCase())}
              onSelectedChange={(checked) => onSelect([account.email.toLowerCase()], checked)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
