/**
 * What `GET /metrics` reports. Request counters and histograms live in memory since start (they
 * are counted whether or not the request log records to disk); account gauges are read from the
 * account list at scrape time, which is in memory too: a scrape never touches the database.
 */
import { accountStatuses, type Account } from '../accounts/account-schema.js';
import type { CompletedRequest } from './completed-request.js';
import { Counter, Histogram, renderCounterValue, renderGauge } from './prometheus-metric.js';
import { clientClosedStatus } from './convert-completed-request-to-row.js';

/** Seconds; from a quick refusal to a long agent turn. */
const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];
const ttfbBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];
/**
 * At most this many quota samples (account x model). Emails and model ids come from the user's
 * own pool and Google's model list, not from clients, but a scrape stays bounded all the same.
 */
export const maxQuotaSamples = 1000;

export interface GatewayMetricsSources {
  accounts: () => readonly Account[];
  now: () => number;
  version: string;
  /** The request log's own state (queue length, rows, records lost). */
  requestLog?: () => { pending: number; rows: number; dropped: number };
}

export interface GatewayMetrics {
  observe(completed: CompletedRequest): void;
  render(): string;
}

export function createGatewayMetrics(sources: GatewayMetricsSources): GatewayMetrics {
  const startedAt = sources.now();
  const requests = new Counter({
    name: 'skyport_requests_total',
    help: 'Requests answered on the AI routes, by client protocol, HTTP status and upstream (mapped) model.',
    labels: ['protocol', 'status', 'model'],
    overflowLabels: ['model'],
  });
  // Key names are made by the owner, not by clients; a deleted key's series stays until restart,
  // and past maxSeries new names count under `_other`.
  const keyRequests = new Counter({
    name: 'skyport_key_requests_total',
    help: 'Requests answered on the AI routes, by API key name (default = the main key, none = no key checked) and HTTP status.',
    labels: ['key', 'status'],
    maxSeries: 500,
    overflowLabels: ['key'],
  });
  const duration = new Histogram(
    { name: 'skyport_request_duration_seconds', help: 'Time from request to the end of the response, by client protocol.', labels: ['protocol'] },
    latencyBuckets,
  );
  const ttfb = new Histogram(
    { name: 'skyport_request_ttfb_seconds', help: "Time from request to the upstream's first content, by client protocol.", labels: ['protocol'] },
    ttfbBuckets,
  );
  const tokens = new Counter({
    name: 'skyport_tokens_total',
    help: 'Tokens reported by the upstream, by upstream model and kind (input, output, cached input, reasoning output).',
    labels: ['model', 'kind'],
    overflowLabels: ['model'],
  });
  const attempts = new Counter({
    name: 'skyport_upstream_attempts_total',
    help: 'Upstream calls made for requests, by outcome and upstream HTTP status (none when no answer came).',
    labels: ['outcome', 'status'],
  });

  return {
    observe(completed) {
      const { state } = completed;
      const protocol = state.protocol;
      const model = state.mappedModel ?? state.model ?? '';
      const status = !completed.finished && !completed.headersSent ? clientClosedStatus : completed.status;
      requests.inc({ protocol, status: String(status), model });
      keyRequests.inc({ key: state.clientKey?.name ?? 'none', status: String(status) });
      duration.observe({ protocol }, (completed.endedAt - state.startedAt) / 1000);
      if (state.firstByteAt !== undefined) ttfb.observe({ protocol }, (state.firstByteAt - state.startedAt) / 1000);
      if (state.usage !== undefined) {
        tokens.inc({ model, kind: 'input' }, state.usage.inputTokens);
        tokens.inc({ model, kind: 'output' }, state.usage.outputTokens);
        tokens.inc({ model, kind: 'cached' }, state.usage.cachedInputTokens);
        tokens.inc({ model, kind: 'reasoning' }, state.usage.reasoningTokens);
      }
      for (const attempt of state.attempts) {
        // An attempt is ok only once the upstream answered 200 and sent content; failures carry their status.
        const upstreamStatus = attempt.status ?? (attempt.outcome === 'ok' ? 200 : undefined);
        attempts.inc({ outcome: attempt.outcome, status: upstreamStatus === undefined ? 'none' : String(upstreamStatus) });
      }
    },
    render() {
      const now = sources.now();
      const accounts = sources.accounts();
      const byStatus = new Map<string, number>(accountStatuses.map((status) => [status, 0]));
      let cooldowns = 0;
      const quotaSamples: Array<{ labels: ReadonlyArray<readonly [string, string]>; value: number }> = [];
      for (const account of accounts) {
        // Active accounts only: a revoked or refused account's last figure is not capacity.
        if (account.status === 'active') {
          for (const [model, quota] of Object.entries(account.quotas)) {
            if (quotaSamples.length >= maxQuotaSamples) break;
            quotaSamples.push({ labels: [['account', account.email], ['model', model]], value: quota.remainingFraction });
          }
        }
        byStatus.set(account.status, (byStatus.get(account.status) ?? 0) + 1);
        for (const cooldown of Object.values(account.cooldowns)) {
          const until = Date.parse(cooldown.until);
          if (Number.isNaN(until) || until <= now) continue;
          cooldowns += 1;
        }
      }
      const log = sources.requestLog?.();
      return [
        renderGauge('skyport_build_info', 'Always 1; the version in a label.', [{ labels: [['version', sources.version]], value: 1 }]),
        renderGauge('skyport_start_time_seconds', 'When this gateway process started (Unix time).', [{ value: Math.floor(startedAt / 1000) }]),
        requests.render(),
        keyRequests.render(),
        duration.render(),
        ttfb.render(),
        tokens.render(),
        attempts.render(),
        renderGauge(
          'skyport_accounts',
          'Accounts in the pool, by status.',
          [...byStatus].map(([status, value]) => ({ labels: [['status', status]] as const, value })),
        ),
        renderGauge(
          'skyport_quota_remaining_ratio',
          "Share of a model's quota an active account has left (0 to 1), as last read from Google, by account email and model.",
          quotaSamples,
        ),
        renderGauge('skyport_account_cooldowns_active', 'Account cooldowns still running (one per account and model, or per account for all models).', [
          { value: cooldowns },
        ]),
        ...(log === undefined
          ? []
          : [
              renderGauge('skyport_request_log_pending_records', 'Request-log records waiting to be written.', [{ value: log.pending }]),
              renderGauge('skyport_request_log_records', 'Records in the request log.', [{ value: log.rows }]),
              renderCounterValue('skyport_request_log_dropped_records_total', 'Request-log records lost (full queue or failed write).', log.dropped),
            ]),
      ].join('');
    },
  };
}
