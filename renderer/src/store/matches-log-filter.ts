/**
 * The Monitor page's filters: what the user picked, the queryLogs input they make, and whether a
 * live row (a `log` event) passes them. The server applies the filters to every page it sends;
 * live rows are checked here with the same rules (request-log-query.ts), except that the text
 * search cannot see the client IP, which a summary does not carry.
 */
import type { RequestLogQuery, RequestLogSummary } from './view-types.js';

export const logProtocols = ['openai', 'anthropic', 'gemini', 'warmup'] as const;
export type LogProtocol = (typeof logProtocols)[number];

export interface LogFilter {
  /** '' (any), `ok`, `error`, a class like `4xx` or a code like `429`. */
  status: string;
  /** The requested or the mapped model, exactly. */
  model: string;
  account: string;
  protocol: '' | LogProtocol;
  /** Words in the id, path, models, account or error. */
  q: string;
}

export const emptyLogFilter: LogFilter = { status: '', model: '', account: '', protocol: '', q: '' };

export function isLogFilterEmpty(filter: LogFilter): boolean {
  return Object.values(filter).every((value) => value.trim() === '');
}

/** The filter as queryLogs input: only what is set, trimmed. */
export function convertLogFilterToQuery(filter: LogFilter): RequestLogQuery {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    const text = value.trim();
    if (text !== '') query[key] = text;
  }
  return query as RequestLogQuery;
}

function isError(summary: RequestLogSummary): boolean {
  return summary.status >= 400 || summary.error !== null;
}

function matchesStatus(summary: RequestLogSummary, status: string): boolean {
  const wanted = status.trim().toLowerCase();
  if (wanted === '') return true;
  if (wanted === 'ok') return !isError(summary);
  if (wanted === 'error') return isError(summary);
  const range = /^([1-5])xx$/.exec(wanted);
  if (range !== null) return Math.floor(summary.status / 100) === Number(range[1]);
  return String(summary.status) === wanted;
}

export function matchesLogFilter(summary: RequestLogSummary, filter: LogFilter): boolean {
  if (!matchesStatus(summary, filter.status)) return false;
  const model = filter.model.trim();
  if (model !== '' && summary.model !== model && summary.mapped_model !== model) return false;
  const account = filter.account.trim().toLowerCase();
  if (account !== '' && summary.account_email?.toLowerCase() !== account) return false;
  if (filter.protocol !== '' && summary.protocol !== filter.protocol) return false;
  const text = filter.q.trim().toLowerCase();
  if (text === '') return true;
  return [summary.id, summary.path, summary.model, summary.mapped_model, summary.account_email, summary.error].some(
    (field) => field !== null && field.toLowerCase().includes(text),
  );
}
