/** Search, filters and sort for a large pool (store/filter-accounts.ts does the work). */
import { useTranslation } from 'react-i18next';
import { SearchIcon } from '../../components/icons.js';
import { accountStatusOrder } from '../../store/derive-account-summaries.js';
import type { AccountFilter } from '../../store/filter-accounts.js';

/** Filter values and their labels (full key literals, so the translation check finds them). */
const tierLabelKeys = {
  all: 'accounts.manage.tiers.all',
  paid: 'accounts.manage.tiers.paid',
  free: 'accounts.manage.tiers.free',
  unknown: 'accounts.manage.tiers.unknown',
} as const;
const quotaLabelKeys = {
  all: 'accounts.manage.quotaStates.all',
  exhausted: 'accounts.manage.quotaStates.exhausted',
  protected: 'accounts.manage.quotaStates.protected',
  ok: 'accounts.manage.quotaStates.ok',
  unknown: 'accounts.manage.quotaStates.unknown',
} as const;
const tierOptions = Object.keys(tierLabelKeys) as (keyof typeof tierLabelKeys)[];
const quotaOptions = Object.keys(quotaLabelKeys) as (keyof typeof quotaLabelKeys)[];

export function AccountsToolbar({
  filter,
  onChange,
  labels,
  models,
}: {
  filter: AccountFilter;
  onChange: (next: AccountFilter) => void;
  /** Every label in the pool. */
  labels: readonly string[];
  /** Model ids with quota data, for the sort. */
  models: readonly string[];
}) {
  const { t } = useTranslation();
  const set = <Key extends keyof AccountFilter>(key: Key, value: AccountFilter[Key]) => onChange({ ...filter, [key]: value });
  return (
    <div className="accounts-toolbar" role="search" aria-label={t('accounts.manage.filters')}>
      <label className="accounts-toolbar__search">
        <SearchIcon aria-hidden="true" />
        <span className="visually-hidden">{t('accounts.manage.search')}</span>
        <input
          type="search"
          className="input"
          placeholder={t('accounts.manage.searchPlaceholder')}
          value={filter.search}
          onChange={(event) => set('search', event.target.value)}
          data-testid="accounts-search"
        />
      </label>
      <label className="accounts-toolbar__filter">
        <span className="field__label">{t('accounts.columns.status')}</span>
        <select className="input" value={filter.status} onChange={(event) => set('status', event.target.value as AccountFilter['status'])} data-testid="accounts-filter-status">
          <option value="all">{t('accounts.manage.any')}</option>
          {accountStatusOrder.map((status) => (
            <option key={status} value={status}>
              {t(`accounts.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="accounts-toolbar__filter">
        <span className="field__label">{t('accounts.manage.tier')}</span>
        <select className="input" value={filter.tier} onChange={(event) => set('tier', event.target.value as AccountFilter['tier'])} data-testid="accounts-filter-tier">
          {tierOptions.map((tier) => (
            <option key={tier} value={tier}>
              {t(tierLabelKeys[tier])}
            </option>
          ))}
        </select>
      </label>
      <label className="accounts-toolbar__filter">
        <span className="field__label">{t('accounts.manage.quota')}</span>
        <select className="input" value={filter.quota} onChange={(event) => set('quota', event.target.value as AccountFilter['quota'])} data-testid="accounts-filter-quota">
          {quotaOptions.map((state) => (
            <option key={state} value={state}>
              {t(quotaLabelKeys[state])}
            </option>
          ))}
        </select>
      </label>
      <label className="accounts-toolbar__filter">
        <span className="field__label">{t('accounts.manage.label')}</span>
        <select className="input" value={filter.label} onChange={(event) => set('label', event.target.value)} data-testid="accounts-filter-label">
          <option value="">{t('accounts.manage.any')}</option>
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="accounts-toolbar__filter">
        <span className="field__label">{t('accounts.manage.sort')}</span>
        <select className="input" value={filter.sortModel} onChange={(event) => set('sortModel', event.target.value)} data-testid="accounts-sort">
          <option value="">{t('accounts.manage.sortNone')}</option>
          {models.map((model) => (
            <option key={model} value={model}>
              {t('accounts.manage.sortByModel', { model })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
