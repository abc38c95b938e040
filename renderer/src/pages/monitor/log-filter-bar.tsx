/**
 * The Monitor's filters, applied by the server: a choice applies at once, typed text after a
 * short pause (or on Enter), so every keystroke does not cost a query.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { SearchIcon } from '../../components/icons.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { useAppStore } from '../../store/app-store-context.js';
import { collectKnownModels } from '../../store/derive-account-summaries.js';
import { emptyLogFilter, isLogFilterEmpty, logProtocols, type LogFilter, type LogProtocol } from '../../store/matches-log-filter.js';
import { selectAccounts, selectLogFilter, selectSetLogFilter } from '../../store/selectors.js';

/** How long typing must pause before the filter applies. */
export const filterTypingDelayMs = 350;

const statusOptions: ReadonlyArray<{ value: string; labelKey: TranslationKey }> = [
  { value: '', labelKey: 'monitor.filters.anyStatus' },
  { value: 'ok', labelKey: 'monitor.filters.statusOk' },
  { value: 'error', labelKey: 'monitor.filters.statusError' },
  { value: '4xx', labelKey: 'monitor.filters.status4xx' },
  { value: '5xx', labelKey: 'monitor.filters.status5xx' },
];
const protocolLabelKeys: Record<LogProtocol, TranslationKey> = {
  openai: 'monitor.protocols.openai',
  anthropic: 'monitor.protocols.anthropic',
  gemini: 'monitor.protocols.gemini',
  warmup: 'monitor.protocols.warmup',
};
/** Codes worth a filter of their own: refused key, unknown route or model, rate limit, client gone, upstream failures. */
const statusCodes = ['400', '401', '404', '429', '499', '500', '502', '503', '504'];

type TypedField = 'model' | 'q';

export function LogFilterBar() {
  const { t } = useTranslation();
  const filter = useAppStore(selectLogFilter);
  const setFilter = useAppStore(selectSetLogFilter);
  const accounts = useAppStore(selectAccounts).data;
  const [draft, setDraft] = useState<Pick<LogFilter, TypedField>>({ model: filter.model, q: filter.q });
  const modelListId = useId();

  // Typed text applies once the typing pauses.
  useEffect(() => {
    if (draft.model === filter.model && draft.q === filter.q) return;
    const timer = setTimeout(() => setFilter(draft), filterTypingDelayMs);
    return () => clearTimeout(timer);
  }, [draft, filter.model, filter.q, setFilter]);

  const typed = (field: TypedField) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value })),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') setFilter(draft);
    },
  });
  const clear = () => {
    setDraft({ model: '', q: '' });
    setFilter(emptyLogFilter);
  };
  const models = accounts === null ? [] : collectKnownModels(accounts);
  const empty = isLogFilterEmpty(filter) && draft.model.trim() === '' && draft.q.trim() === '';

  return (
    <div className="filter-bar" role="search" aria-label={t('monitor.filters.label')}>
      <div className="filter-bar__field filter-bar__field--search">
        <label htmlFor="log-filter-q" className="field__label">
          {t('monitor.filters.search')}
        </label>
        <div className="input-with-icon">
          <SearchIcon />
          <input id="log-filter-q" className="input" type="search" placeholder={t('monitor.filters.searchPlaceholder')} spellCheck={false} autoComplete="off" {...typed('q')} />
        </div>
      </div>
      <div className="filter-bar__field">
        <label htmlFor="log-filter-status" className="field__label">
          {t('monitor.filters.status')}
        </label>
        <select id="log-filter-status" className="input" value={filter.status} onChange={(event) => setFilter({ status: event.target.value })}>
          {statusOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.labelKey)}
            </option>
          ))}
          <optgroup label={t('monitor.filters.statusCodes')}>
            {statusCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="filter-bar__field">
        <label htmlFor="log-filter-model" className="field__label">
          {t('monitor.filters.model')}
        </label>
        <input id="log-filter-model" className="input" list={modelListId} placeholder={t('monitor.filters.anyModel')} spellCheck={false} autoComplete="off" {...typed('model')} />
        <datalist id={modelListId}>
          {models.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      </div>
      <div className="filter-bar__field">
        <label htmlFor="log-filter-account" className="field__label">
          {t('monitor.filters.account')}
        </label>
        <select id="log-filter-account" className="input" value={filter.account} onChange={(event) => setFilter({ account: event.target.value })}>
          <option value="">{t('monitor.filters.anyAccount')}</option>
          {(accounts ?? []).map((account) => (
            <option key={account.email} value={account.email}>
              {account.email}
            </option>
          ))}
          {filter.account !== '' && !(accounts ?? []).some((account) => account.email === filter.account) ? <option value={filter.account}>{filter.account}</option> : null}
        </select>
      </div>
      <div className="filter-bar__field">
        <label htmlFor="log-filter-protocol" className="field__label">
          {t('monitor.filters.protocol')}
        </label>
        <select id="log-filter-protocol" className="input" value={filter.protocol} onChange={(event) => setFilter({ protocol: event.target.value as '' | LogProtocol })}>
          <option value="">{t('monitor.filters.anyProtocol')}</option>
          {logProtocols.map((protocol) => (
            <option key={protocol} value={protocol}>
              {t(protocolLabelKeys[protocol])}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-bar__clear">
        <Button variant="ghost" size="small" disabled={empty} onClick={clear}>
          {t('monitor.filters.clear')}
        </Button>
      </div>
    </div>
  );
}
