/**
 * "Select this page": outside the table, because narrow windows show the table as cards without
 * its header row. Some of the page selected shows as neither checked nor unchecked.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../store/view-types.js';

export function AccountsSelectPage({
  accounts,
  selected,
  onSelect,
}: {
  accounts: readonly AccountView[];
  selected: ReadonlySet<string>;
  onSelect: (emails: string[], selected: boolean) => void;
}) {
  const { t } = useTranslation();
  const onPage = accounts.filter((account) => selected.has(account.email.toLowerCase())).length;
  const all = accounts.length > 0 && onPage === accounts.length;
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = onPage > 0 && !all;
  }, [onPage, all]);
  return (
    <label className="checkbox accounts-select-page">
      <input
        ref={box}
        type="checkbox"
        checked={all}
        disabled={accounts.length === 0}
        data-testid="accounts-select-page"
        onChange={(event) => onSelect(accounts.map((account) => account.email.toLowerCase()), event.target.checked)}
      />
      <span>{t('accounts.manage.selectPage')}</span>
    </label>
  );
}
