/** A record's HTTP status, coloured by outcome: answered, refused by the client's fault, failed. */
import type { RequestLogSummary } from '../../store/view-types.js';

export function logOutcome(summary: Pick<RequestLogSummary, 'status' | 'error'>): 'ok' | 'client' | 'failed' {
  if (summary.status >= 500 || (summary.status < 400 && summary.error !== null)) return 'failed';
  if (summary.status >= 400) return 'client';
  return 'ok';
}

export function LogStatusBadge({ summary }: { summary: Pick<RequestLogSummary, 'status' | 'error'> }) {
  return (
    <span className={`badge badge--status badge--status-${logOutcome(summary)}`} title={summary.error ?? undefined}>
      {summary.status}
    </span>
  );
}
