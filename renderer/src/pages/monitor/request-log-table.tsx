/**
 * The request log as a table, newest first: when, outcome, protocol, what was called, which model
 * answered for which name, on which account, tokens and timing. A row opens its details; rows
 * that arrive live are highlighted for a moment.
 */
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestLogSummary } from '../../store/view-types.js';
import { formatClockTime, formatCompact, formatCount, formatDateTime, formatDuration } from '../../util/format-figures.js';
import { LogStatusBadge } from './log-status-badge.js';

export function RequestLogTable({ items, onOpen }: { items: RequestLogSummary[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  // Ids shown by an earlier render: a row not among them arrived live.
  const shown = useRef<Set<string> | null>(null);
  const previous = shown.current;
  useEffect(() => {
    shown.current = new Set(items.map((item) => item.id));
  }, [items]);

  return (
    <div className="table-scroll">
      <table className="table table--compact table--cards log-table">
        <caption className="visually-hidden">{t('monitor.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitor.columns.time')}</th>
            <th scope="col">{t('monitor.columns.status')}</th>
            <th scope="col">{t('monitor.columns.protocol')}</th>
            <th scope="col">{t('monitor.columns.request')}</th>
            <th scope="col">{t('monitor.columns.model')}</th>
            <th scope="col">{t('monitor.columns.account')}</th>
            <th scope="col" className="log-table__number">{t('monitor.columns.tokens')}</th>
            <th scope="col" className="log-table__number">{t('monitor.columns.duration')}</th>
            <th scope="col" className="log-table__number">{t('monitor.columns.ttfb')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <RequestLogRow key={item.id} item={item} live={previous !== null && !previous.has(item.id)} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Memoized: a live row must not redraw the thousand already shown.
const RequestLogRow = memo(function RequestLogRow({ item, live, onOpen }: { item: RequestLogSummary; live: boolean; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const time = formatClockTime(item.time, locale);
  return (
    <tr className={['log-row', live ? 'log-row--live' : '', item.attempt_count > 1 ? 'log-row--retried' : ''].filter(Boolean).join(' ')} data-testid={`log-row-${item.id}`} onClick={() => onOpen(item.id)}>
      <td className="log-table__time">
        <button
          type="button"
          className="link-button log-table__open"
          title={formatDateTime(item.time, locale)}
          aria-label={t('monitor.openDetail', { time, path: item.path })}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(item.id);
          }}
        >
          {time}
        </button>
      </td>
      <td data-label={t('monitor.columns.status')}>
        <LogStatusBadge summary={item} />
        {/* More than one attempt: the gateway moved the request to another account (or retried); the drawer says why. */}
        {item.attempt_count > 1 ? (
          <span className="log-table__attempts" title={t('monitor.attemptsTitle', { count: item.attempt_count })}>
            {t('monitor.attempts', { count: item.attempt_count })}
          </span>
        ) : null}
      </td>
      <td data-label={t('monitor.columns.protocol')}>
        <span className="badge badge--protocol">{item.protocol}</span>
      </td>
      <td className="log-table__request" data-label={t('monitor.columns.request')}>
        <span className="log-table__method">{item.method}</span> <span className="log-table__path" title={item.path}>{item.path}</span>
        {item.error === null ? null : (
          <span className="log-table__error" title={item.error}>
            {item.error}
          </span>
        )}
      </td>
      <td className="log-table__model" data-label={t('monitor.columns.model')}>
        {item.model === null ? <span className="muted">—</span> : <span title={item.model}>{item.model}</span>}
        {item.mapped_model === null || item.mapped_model === item.model ? null : (
          <span className="log-table__mapped" title={item.mapped_model}>
            → {item.mapped_model}
          </span>
        )}
      </td>
      <td className="log-table__account" data-label={t('monitor.columns.account')}>
        {item.account_email === null ? <span className="muted">—</span> : <span title={item.account_email}>{item.account_email}</span>}
      </td>
      <td className="log-table__number" data-label={t('monitor.columns.tokens')} title={t('monitor.tokensTitle', { input: formatCount(item.input_tokens, locale), output: formatCount(item.output_tokens, locale), cached: formatCount(item.cached_tokens, locale) })}>
        <span>
          {formatCompact(item.input_tokens, locale)} / {formatCompact(item.output_tokens, locale)}
        </span>
        {item.cached_tokens === 0 ? null : <span className="log-table__sub">{t('monitor.cached', { amount: formatCompact(item.cached_tokens, locale) })}</span>}
      </td>
      <td className="log-table__number" data-label={t('monitor.columns.duration')}>{formatDuration(item.duration_ms, locale)}</td>
      <td className="log-table__number" data-label={t('monitor.columns.ttfb')}>{formatDuration(item.ttfb_ms, locale)}</td>
    </tr>
  );
});
