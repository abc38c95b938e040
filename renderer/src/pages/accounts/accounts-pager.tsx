/** Previous / next over the filtered accounts, with "51–100 of 500". */
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import type { AccountPage } from '../../store/filter-accounts.js';

export function AccountsPager({ page, total, onPage }: { page: AccountPage; total: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (page.pageCount <= 1) return null;
  return (
    <nav className="accounts-pager" aria-label={t('accounts.manage.pages')}>
      <Button size="small" disabled={page.page === 0} onClick={() => onPage(page.page - 1)}>
        {t('accounts.manage.previous')}
      </Button>
      <span className="small muted" data-testid="accounts-page-range">
        {t('accounts.manage.range', { first: page.first, last: page.last, total })}
      </span>
      <Button size="small" disabled={page.page >= page.pageCount - 1} onClick={() => onPage(page.page + 1)}>
        {t('accounts.manage.next')}
      </Button>
    </nav>
  );
}
