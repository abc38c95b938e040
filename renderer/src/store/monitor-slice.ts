/**
 * The Monitor page: the request log newest first, filtered by the server (queryLogs), paged
 * backwards with its cursor, and kept live by the `log` events (pause holds them back); one
 * record in full for the detail drawer; clear and CSV export.
 */
import type { StateCreator } from 'zustand';
import type { CsvFile } from '../bridge/bridge-types.js';
import type { AppState } from './app-state.js';
import { convertLogFilterToQuery, emptyLogFilter, matchesLogFilter, type LogFilter } from './matches-log-filter.js';
import type { StoreDependencies } from './store-dependencies.js';
import type { ActionOutcome, RequestLogDetail, RequestLogSummary } from './view-types.js';

/** Rows per page asked of the server. */
export const logPageSize = 100;
/** Live rows kept at most; older ones leave the list (and come back with "Load older"). */
export const maxLogRows = 1000;
/** Live rows join the list at most this often: a busy gateway must not redraw the table per request. */
export const liveRowsIntervalMs = 250;

/**
 * Where "Load older" goes on: the server's cursor, or, once live rows pushed the tail out, the
 * rows at or before the last one kept (duplicates dropped by id).
 */
export type OlderLogs = { kind: 'cursor'; cursor: string } | { kind: 'before'; time: number };

export interface RequestLogState {
  items: RequestLogSummary[];
  /** null when the oldest matching record is shown. */
  older: OlderLogs | null;
  /** The first page arrived: live rows are added from then on. */
  loaded: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
}

export interface LogDetailState {
  id: string;
  data: RequestLogDetail | null;
  loading: boolean;
  error: string | null;
}

export interface MonitorSlice {
  logFilter: LogFilter;
  requestLog: RequestLogState;
  logPaused: boolean;
  /** Live rows that matched the filters while paused: the list reloads with them on resume. */
  logMissed: number;
  logDetail: LogDetailState | null;
  clearingLogs: boolean;
  /** Reload the newest page with the current filters. */
  loadLogs(): Promise<void>;
  loadOlderLogs(): Promise<void>;
  /** Change some filters and reload. */
  setLogFilter(patch: Partial<LogFilter>): void;
  setLogPaused(paused: boolean): void;
  /** A `log` event: a request just finished. */
  receiveLog(summary: RequestLogSummary): void;
  openLogDetail(id: string): Promise<void>;
  closeLogDetail(): void;
  clearLogs(): Promise<ActionOutcome<number>>;
  exportLogsCsv(): Promise<ActionOutcome<CsvFile>>;
}

const initialRequestLog: RequestLogState = { items: [], older: null, loaded: false, loading: false, loadingOlder: false, error: null };

function toOlder(cursor: string | null): OlderLogs | null {
  return cursor === null ? null : { kind: 'cursor', cursor };
}

/** Newest first, each id once, at most `maxLogRows`; says where paging goes on after a cut. */
function keepNewest(items: RequestLogSummary[], older: OlderLogs | null): { items: RequestLogSummary[]; older: OlderLogs | null } {
  const seen = new Set<string>();
  const unique = items.filter((item) => !seen.has(item.id) && seen.add(item.id));
  if (unique.length <= maxLogRows) return { items: unique, older };
  const kept = unique.slice(0, maxLogRows);
  const last = kept.at(-1);
  return { items: kept, older: last === undefined ? older : { kind: 'before', time: Date.parse(last.time) } };
}

export function createMonitorSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], MonitorSlice> {
  return (set, get) => {
    /** Answers to an older query (filters changed since) are dropped. */
    let generation = 0;
    /** Live rows that arrived while the first page was on its way: it may not hold them yet. */
    let arrivedWhileLoading: RequestLogSummary[] = [];
    /** Live rows waiting for the next redraw, oldest first. */
    let waiting: RequestLogSummary[] = [];
    let waitTimer: ReturnType<typeof setTimeout> | undefined;
    let lastAdded = 0;
    const update = (patch: Partial<RequestLogState>) => set((state) => ({ requestLog: { ...state.requestLog, ...patch } }));
    const addWaiting = () => {
      waitTimer = undefined;
      lastAdded = Date.now();
      const arrived = waiting.reverse();
      waiting = [];
      const { requestLog } = get();
      if (arrived.length === 0 || !requestLog.loaded) return;
      set({ requestLog: { ...requestLog, ...keepNewest([...arrived, ...requestLog.items], requestLog.older) } });
    };

    return {
      logFilter: emptyLogFilter,
      requestLog: initialRequestLog,
      logPaused: false,
      logMissed: 0,
      logDetail: null,
      clearingLogs: false,

      async loadLogs() {
        generation += 1;
        const current = generation;
        arrivedWhileLoading = [];
        update({ loading: true, error: null });
        try {
          const page = await bridge.api.queryLogs({ ...convertLogFilterToQuery(get().logFilter), limit: logPageSize });
          if (current !== generation) return;
          const merged = keepNewest([...arrivedWhileLoading, ...page.items], toOlder(page.next_cursor));
          arrivedWhileLoading = [];
          set({ requestLog: { ...initialRequestLog, ...merged, loaded: true }, logMissed: 0 });
        } catch (error) {
          if (current !== generation) return;
          update({ loading: false, error: get().reportError(error) });
        }
      },

      async loadOlderLogs() {
        const { older, loadingOlder } = get().requestLog;
        if (older === null || loadingOlder) return;
        const current = generation;
        update({ loadingOlder: true });
        try {
          const query = convertLogFilterToQuery(get().logFilter);
          const position = older.kind === 'cursor' ? { cursor: older.cursor } : { until: older.time + 1 };
          const page = await bridge.api.queryLogs({ ...query, ...position, limit: logPageSize });
          if (current !== generation) return;
          const known = new Set(get().requestLog.items.map((item) => item.id));
          const fresh = page.items.filter((item) => !known.has(item.id));
          set((state) => ({
            requestLog: { ...state.requestLog, items: [...state.requestLog.items, ...fresh], older: toOlder(page.next_cursor), loadingOlder: false },
          }));
        } catch (error) {
          if (current !== generation) return;
          const message = get().reportError(error);
          update({ loadingOlder: false });
          get().notify('error', message);
        }
      },

      setLogFilter(patch) {
        set((state) => ({ logFilter: { ...state.logFilter, ...patch } }));
        void get().loadLogs();
      },

      setLogPaused(paused) {
        const missed = get().logMissed;
        set({ logPaused: paused });
        if (!paused && missed > 0) void get().loadLogs();
      },

      receiveLog(summary) {
        const state = get();
        if (!matchesLogFilter(summary, state.logFilter)) return;
        if (state.requestLog.loading) arrivedWhileLoading.push(summary);
        if (!state.requestLog.loaded) return;
        if (state.logPaused) {
          set({ logMissed: state.logMissed + 1 });
          return;
        }
        // The first row after a quiet spell shows at once; a burst waits for the next redraw.
        waiting.push(summary);
        if (waitTimer !== undefined) return;
        const wait = lastAdded + liveRowsIntervalMs - Date.now();
        if (wait <= 0) addWaiting();
        else waitTimer = setTimeout(addWaiting, wait);
      },

      async openLogDetail(id) {
        set({ logDetail: { id, data: null, loading: true, error: null } });
        try {
          const { item } = await bridge.api.getLog({ id });
          if (get().logDetail?.id !== id) return;
          set({ logDetail: { id, data: item, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          if (get().logDetail?.id !== id) return;
          set({ logDetail: { id, data: null, loading: false, error: message } });
        }
      },

      closeLogDetail() {
        set({ logDetail: null });
      },

      async clearLogs() {
        set({ clearingLogs: true });
        try {
          const { deleted } = await bridge.api.clearLogs({});
          generation += 1;
          waiting = [];
          set({ clearingLogs: false, logMissed: 0, logDetail: null, requestLog: { ...initialRequestLog, loaded: true } });
          void get().loadTodayUsage();
          return { ok: true, value: deleted };
        } catch (error) {
          set({ clearingLogs: false });
          const message = get().reportError(error);
          get().notify('error', message);
          return { ok: false, error: message };
        }
      },

      async exportLogsCsv() {
        try {
          const file = await bridge.exportLogsCsv(convertLogFilterToQuery(get().logFilter));
          return { ok: true, value: file };
        } catch (error) {
          const message = get().reportError(error);
          get().notify('error', message);
          return { ok: false, error: message };
        }
      },
    };
  };
}
