/**
 * Keeps every usable account's quota fresh in the background (every `accounts.quota_refresh_min`
 * minutes, ANCHOR-ANTIGRAVITY-MANAGER.md §8.6), one account at a time so a large pool never
 * bursts at Google, and on demand (`refreshNow`). A failure is logged and reported in the result,
 * never thrown: one bad account must not stop the others or the timer.
 */
import type { Account } from './account-schema.js';
import type { AccountStore } from './account-store.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';

export type QuotaRefreshResult = { email: string; ok: true; account: Account } | { email: string; ok: false; error: GatewayError };

export interface QuotaRefresher {
  /** Arms the timer. The first round comes soon when some account's quota is stale, else one interval after its last read. */
  start(): void;
  /** One account (any status), or every usable account when `email` is omitted (joining a round already running). */
  refreshNow(email?: string): Promise<QuotaRefreshResult[]>;
  /** Re-reads the interval; re-arms the timer when it changed. */
  reschedule(): void;
  /** Cancels the timer, aborts the call in flight and resolves once nothing runs any more. */
  stop(): Promise<void>;
}

export interface QuotaRefresherOptions {
  store: Pick<AccountStore, 'list' | 'get'>;
  /** refreshAccountQuotas bound to the gateway; `signal` aborts it on stop. */
  refresh(email: string, signal: AbortSignal): Promise<Account>;
  intervalMinutes(): number;
  /** Starts a timer and returns the function that cancels it. */
  setTimer?: (callback: () => void, delayMs: number) => () => void;
  now?: () => number;
  /** Delay of the first round when a quota is stale at start, so start-up is not slowed. Default 5 s. */
  startupDelayMs?: number;
  logger?: { warn(message: string): void; debug?(message: string): void };
}

const defaultStartupDelayMs = 5_000;

export function createQuotaRefresher(options: QuotaRefresherOptions): QuotaRefresher {
  const { store, logger } = options;
  const setTimer = options.setTimer ?? defaultSetTimer;
  const now = options.now ?? Date.now;
  const startupDelayMs = options.startupDelayMs ?? defaultStartupDelayMs;
  const abort = new AbortController();
  const inFlight = new Map<string, Promise<QuotaRefreshResult>>();
  let round: Promise<QuotaRefreshResult[]> | undefined;
  let cancelTimer: (() => void) | undefined;
  let armedIntervalMs: number | undefined;
  let started = false;
  let stopped = false;

  const intervalMs = () => Math.max(1, options.intervalMinutes()) * 60_000;
  const usable = (account: Account) => account.status === 'active';

  function arm(delayMs: number): void {
    cancelTimer?.();
    armedIntervalMs = intervalMs();
    cancelTimer = setTimer(() => {
      cancelTimer = undefined;
      void runRound();
    }, delayMs);
  }

  function refreshOne(email: string): Promise<QuotaRefreshResult> {
    const key = email.trim().toLowerCase();
    const pending = inFlight.get(key);
    if (pending !== undefined) return pending;
    const running = options
      .refresh(email, abort.signal)
      .then((account): QuotaRefreshResult => {
        logger?.debug?.(`Quota of ${account.email} refreshed (${Object.keys(account.quotas).length} models, status ${account.status})`);
        return { email: account.email, ok: true, account };
      })
      .catch((caught: unknown): QuotaRefreshResult => {
        const error = stopped ? stoppedError() : toGatewayError(caught);
        if (!stopped) logger?.warn(`Quota refresh of ${email} failed: ${error.message}`);
        return { email, ok: false, error };
      })
      .finally(() => {
        if (inFlight.get(key) === running) inFlight.delete(key);
      });
    inFlight.set(key, running);
    return running;
  }

  function runRound(): Promise<QuotaRefreshResult[]> {
    if (round !== undefined) return round;
    const current = (async () => {
      const results: QuotaRefreshResult[] = [];
      for (const account of store.list().filter(usable)) {
        if (stopped) break;
        // Disabled or removed while the round ran: skip it.
        const latest = store.get(account.email);
        if (latest === undefined || !usable(latest)) continue;
        results.push(await refreshOne(account.email));
      }
      return results;
    })().finally(() => {
      round = undefined;
      if (started && !stopped) arm(intervalMs());
    });
    round = current;
    return current;
  }

  function firstDelayMs(): number {
    const interval = intervalMs();
    let earliestDue = Number.POSITIVE_INFINITY;
    for (const account of store.list().filter(usable)) {
      const readAt = account.quotasUpdatedAt === undefined ? Number.NaN : Date.parse(account.quotasUpdatedAt);
      earliestDue = Math.min(earliestDue, Number.isNaN(readAt) ? 0 : readAt + interval);
    }
    if (earliestDue === Number.POSITIVE_INFINITY) return interval;
    return Math.min(interval, Math.max(startupDelayMs, earliestDue - now()));
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      arm(firstDelayMs());
    },

    async refreshNow(email) {
      if (stopped) return email === undefined ? [] : [{ email, ok: false, error: stoppedError() }];
      if (email !== undefined) {
        if (store.get(email) === undefined) {
          return [{ email, ok: false, error: new GatewayError('not_found', `No account ${email}`, { code: 'account_not_found' }) }];
        }
        return [await refreshOne(email)];
      }
      // The timer's next round counts from this one.
      cancelTimer?.();
      cancelTimer = undefined;
      return runRound();
    },

    reschedule() {
      if (!started || stopped || cancelTimer === undefined || armedIntervalMs === intervalMs()) return;
      arm(intervalMs());
    },

    async stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
      abort.abort(stoppedError());
      await Promise.allSettled([round, ...inFlight.values()]);
    },
  };
}

function stoppedError(): GatewayError {
  return new GatewayError('internal', 'The quota refresher has stopped', { code: 'refresher_stopped' });
}

function defaultSetTimer(callback: () => void, delayMs: number): () => void {
  const timer = setTimeout(callback, delayMs);
  // Background work must never keep a finished process alive.
  timer.unref();
  return () => clearTimeout(timer);
}
