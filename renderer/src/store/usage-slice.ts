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
  /** By the API key's name (`default` = the main key, `none` = no key checked). */
  byKey: UsageReport;
  /** Every bucket of the window, oldest first (epoch ms). */
  bucketStarts: number[];
}

export interface UsageSlice {
  usageWindow: UsageWindow;
  /** Count lookups too (model lists, /v1/models/detect, wrong paths); off: AI requests only, as the gateway counts by default. */
  usageIncludeLookups: boolean;
  usage: Resource<UsageReports>;
  todayUsage: Resource<UsageReport>;
  /**
   * The upstream models this gateway served in the last 7 days, most requests first (null until
   * read): quota lists show these first, the rest behind "Show all".
   */
  servedModels: string[] | null;
  loadServedModels(): Promise<void>;
  /** A `log` event: a model that just answered moves to the front of `servedModels`. */
  noteServedModel(summary: RequestLogSummary): void;
  loadUsage(): Promise<void>;
  setUsageWindow(window: UsageWindow): void;
  setUsageIncludeLookups(include: boolean): void;
  loadTodayUsage(): Promise<void>;
  /** A `log` event: one more AI request today (an error when it failed); lookups are not counted. */
  countTodayRequest(summary: RequestLogSummary): void;
}

/** "Recently": the last 7 days. */
const servedModelsWindowMs = 7 * 86_400_000;

export function createUsageSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], UsageSlice> {
  return (set, get) => {
    let generation = 0;
    return {
      usageWindow: '24h',
      usageIncludeLookups: false,
      usage: emptyResource(),
      todayUsage: emptyResource(),
      servedModels: null,

      async loadServedModels() {
        try {
          const now = Date.now();
          const report = await bridge.api.getUsage({ group: 'mapped_model', bucket: 'day', since: now - servedModelsWindowMs, until: now });
          const served = report.groups
            .filter((group): group is typeof group & { key: string } => group.key !== null && group.requests > group.errors)
            .sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key))
            .map((group) => group.key);
          set({ servedModels: served });
        } catch (error) {
          // Without it the lists fall back to lowest quota first; the failure shows where it matters.
          get().reportError(error);
        }
      },

      noteServedModel(summary) {
        const model = summary.mapped_model;
        if (summary.kind !== 'ai' || model === null || summary.status >= 400 || summary.error !== null) return;
        const served = get().servedModels ?? [];
        if (served[0] === model) return;
        set({ servedModels: [model, ...served.filter((entry) => entry !== model)] });
      },

      async loadUsage() {
        generation += 1;
        const current = generation;
        const resolved = resolveUsageWindow(get().usageWindow, Date.now());
        const bucketStarts = resolved.bucketStarts;
        const query = { ...resolved.query, include_lookups: get().usageIncludeLookups };
        set((state) => ({ usage: { ...state.usage, loading: true, error: null } }));
        try {
          const [byModel, byAccount, byKey] = await Promise.all([
            bridge.api.getUsage({ ...query, group: 'model' }),
            bridge.api.getUsage({ ...query, group: 'account' }),
            bridge.api.getUsage({ ...query, group: 'key' }),
          ]);
          if (current !== generation) return;
          set({ usage: { data: { byModel, byAccount, byKey, bucketStarts }, loading: false, error: null } });
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

      setUsageIncludeLookups(include) {
        set({ usageIncludeLookups: include, usage: emptyResource() });
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
        if (report === null || summary.kind !== 'ai' || Date.parse(summary.time) < Date.parse(report.since)) return;
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
