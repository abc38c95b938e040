/**
 * The pool as a large list: filters and sort (store/filter-accounts.ts), pages of 50, a selection
 * that survives paging and filtering (bulk actions act on every selected account, visible or
 * not, and the bar says how many), and the bulk action bar.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collectAccountLabels, emptyAccountFilter, filterAccounts, pageAccounts, type AccountFilter } from '../../store/filter-accounts.js';
import type { AccountView } from '../../store/view-types.js';
import { AccountsBulkBar } from './accounts-bulk-bar.js';
import { AccountsPager } from './accounts-pager.js';
import { AccountsSelectPage } from './accounts-select-page.js';
import { AccountsTable } from './accounts-table.js';
import { AccountsToolbar } from './accounts-toolbar.js';

export const accountsPageSize = 50;

export function ManagedAccounts({ accounts, thresholdPercent }: { accounts: readonly AccountView[]; thresholdPercent: number }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AccountFilter>(emptyAccountFilter);
  const [page, setPage] = useState(0);
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());

  const filtered = useMemo(() => filterAccounts(accounts, filter, thresholdPercent), [accounts, filter, thresholdPercent]);
  const labels = useMemo(() => collectAccountLabels(accounts), [accounts]);
  const models = useMemo(() => [...new Set(accounts.flatMap((account) => Object.keys(account.quotas)))].sort(), [accounts]);
  const shown = pageAccounts(filtered, page, accountsPageSize);
  // Accounts removed elsewhere (or by a bulk remove) leave the selection by themselves.
  const existing = useMemo(() => new Set(accounts.map((account) => account.email.toLowerCase())), [accounts]);
  const selected = useMemo(() => [...selection].filter((email) => existing.has(email)), [selection, existing]);

  const changeFilter = (next: AccountFilter) => {
    setFilter(next);
    setPage(0);
  };
  const select = (emails: string[], on: boolean) =>
    setSelection((current) => {
      const next = new Set(current);
      for (const email of emails) {
        if (on) next.add(email);
        else next.delete(email);
      }
      return next;
    });

  return (
    <>
      <AccountsToolbar filter={filter} onChange={changeFilter} labels={labels} models={models} />
      <div className="accounts-listbar">
        <AccountsSelectPage accounts={shown.items} selected={selection} onSelect={select} />
        <p className="small muted accounts-count" data-testid="accounts-count">
          {filtered.length === accounts.length ? t('accounts.manage.countAll', { count: accounts.length }) : t('accounts.manage.countFiltered', { count: filtered.length, total: accounts.length })}
        </p>
      </div>
      <AccountsBulkBar selected={selected} onClear={() => setSelection(new Set())} onRemoved={(emails) => select(emails, false)} />
      {filtered.length === 0 ? (
        <p className="muted accounts-none" data-testid="accounts-none">
          {t('accounts.manage.noMatch')}
        </p>
      ) : (
        <AccountsTable accounts={shown.items} thresholdPercent={thresholdPercent} selected={selection} onSelect={select} />
      )}
      <AccountsPager page={shown} total={filtered.length} onPage={setPage} />
    </>
  );
}
