/**
 * Usage statistics: the Usage page's window (by model and by account, for the charts and the
 * quota burn table) and today's figures on the Dashboard, which `log` events keep counting
 * between reloads.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import { resolveTodayWindow, resolveUsageWindow, type UsageWindow } from './resolve-usage-window.js';
import type { StoreDependencies } from './store-dependencies.js';
import { emptyResource, type RequestLogSummary, type Resource, type UsageReport } from './view-types.js';

export interface UsageReports {
  byModel: UsageReport;
  byAccount: UsageReport;
  /** Every bucket of the window, oldest first (epoch ms). */
  bucketStarts: number[];
}

export interface UsageSlice {
  usageWindow: UsageWindow;
  usage: Resource<UsageReports>;
  todayUsage: Resource<UsageReport>;
  loadUsage(): Promise<void>;
  setUsageWindow(window: UsageWindow): void;
  loadTodayUsage(): Promise<void>;
  /** A `log` event: one more request today (an error when it failed). */
  countTodayRequest(summary: RequestLogSummary): void;
}

export function createUsageSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], UsageSlice> {
  return (set, get) => {
    let generation = 0;
    return {
      usageWindow: '24h',
      usage: emptyResource(),
      todayUsage: emptyResource(),

      async loadUsage() {
        generation += 1;
        const current = generation;
        const { query, bucketStarts } = resolveUsageWindow(get().usageWindow, Date.now());
        set((state) => ({ usage: { ...state.usage, loading: true, error: null } }));
        try {
          const [byModel, byAccount] = await Promise.all([bridge.api.getUsage({ ...query, group: 'model' }), bridge.api.getUsage({ ...query, group: 'account' })]);
          if (current !== generation) return;
          set({ usage: { data: { byModel, byAccount, bucketStarts }, loading: false, error: null } });
        } catch (error) {
          if (current !== generation) return;
          const message = get().reportError(error);
          set((state) => ({ usage: { ...state.usage, loading: false, error: message } }));
        }
      },

      setUsageWindow(window) {
        // The old window's figures would pass for the new one's: show loading instead.
        set({ usageWindow: window, usage: emptyResource() });
        void get().loadUsage();
      },

      async loadTodayUsage() {
        set((state) => ({ todayUsage: { ...state.todayUsage, loading: true } }));
        try {
          const data = await bridge.api.getUsage({ ...resolveTodayWindow(Date.now()), group: 'model' });
          set({ todayUsage: { data, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ todayUsage: { ...state.todayUsage, loading: false, error: message } }));
        }
      },

      countTodayRequest(summary) {
        const report = get().todayUsage.data;
        if (report === null || Date.parse(summary.time) < Date.parse(report.since)) return;
        const totals = report.totals;
        const requests = totals.requests + 1;
        const errors = totals.errors + (summary.status >= 400 || summary.error !== null ? 1 : 0);
        set({
          todayUsage: {
            data: {
              ...report,
              totals: {
                ...totals,
                requests,
                errors,
                error_rate: errors / requests,
                input_tokens: totals.input_tokens + summary.input_tokens,
                output_tokens: totals.output_tokens + summary.output_tokens,
                cached_tokens: totals.cached_tokens + summary.cached_tokens,
                reasoning_tokens: totals.reasoning_tokens + summary.reasoning_tokens,
              },
            },
            loading: false,
            error: null,
          },
        });
      },
    };
  };
}
