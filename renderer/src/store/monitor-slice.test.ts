import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge } from '../../test-support/create-fake-bridge.js';
import { makeLogSummary } from '../../test-support/fixtures.js';
import { createMemoryStorage } from '../preferences/browser-storage.js';
import { createAppStore } from './create-app-store.js';
import { liveRowsIntervalMs, maxLogRows } from './monitor-slice.js';

function startStore() {
  const bridge = createFakeBridge({ kind: 'ipc' });
  const store = createAppStore({
    bridge,
    credentials: createMemoryStorage(),
    preferences: createMemoryStorage(),
    translate: (key) => key,
    changeLanguage: () => {},
    initialLanguage: 'en',
    currentUrl: () => 'app://skyport/',
    openExternal: () => {},
  });
  return { bridge, store };
}

const at = (ms: number) => new Date(Date.UTC(2026, 0, 5) + ms).toISOString();

describe('the monitor slice', () => {
  it('keeps at most maxLogRows live rows; "load older" then goes on from the last one kept, without repeats', async () => {
    const { bridge, store } = startStore();
    bridge.api.queryLogs.mockResolvedValueOnce({ items: [makeLogSummary({ id: 'first', time: at(0) })], next_cursor: 'cursor-1' });
    await store.getState().loadLogs();
    vi.useFakeTimers();
    for (let index = 1; index <= maxLogRows; index += 1) store.getState().receiveLog(makeLogSummary({ id: `live-${index}`, time: at(index) }));
    // The first row shows at once, the rest of the burst with the next redraw.
    expect(store.getState().requestLog.items.map((item) => item.id)).toEqual(['live-1', 'first']);
    vi.advanceTimersByTime(liveRowsIntervalMs);
    vi.useRealTimers();

    const { items, older } = store.getState().requestLog;
    expect(items).toHaveLength(maxLogRows);
    expect(items[0]?.id).toBe(`live-${maxLogRows}`);
    expect(items.at(-1)?.id).toBe('live-1');
    expect(older).toEqual({ kind: 'before', time: Date.parse(at(1)) });

    bridge.api.queryLogs.mockResolvedValueOnce({ items: [makeLogSummary({ id: 'live-1', time: at(1) }), makeLogSummary({ id: 'first', time: at(0) })], next_cursor: null });
    await store.getState().loadOlderLogs();
    expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ until: Date.parse(at(1)) + 1, limit: 100 });
    expect(store.getState().requestLog.items.slice(-2).map((item) => item.id)).toEqual(['live-1', 'first']);
    expect(store.getState().requestLog.older).toBeNull();
  });

  it('keeps a live row that arrived while the first page was loading, once', async () => {
    const { bridge, store } = startStore();
    let answer: (page: { items: ReturnType<typeof makeLogSummary>[]; next_cursor: null }) => void = () => {};
    bridge.api.queryLogs.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const loading = store.getState().loadLogs();
    store.getState().receiveLog(makeLogSummary({ id: 'during', time: at(2) }));
    store.getState().receiveLog(makeLogSummary({ id: 'both', time: at(1) }));
    answer({ items: [makeLogSummary({ id: 'both', time: at(1) }), makeLogSummary({ id: 'old', time: at(0) })], next_cursor: null });
    await loading;
    expect(store.getState().requestLog.items.map((item) => item.id)).toEqual(['during', 'both', 'old']);
  });

  it('drops the answer of a query whose filters were changed meanwhile', async () => {
    const { bridge, store } = startStore();
    let answerStale: (page: { items: ReturnType<typeof makeLogSummary>[]; next_cursor: null }) => void = () => {};
    bridge.api.queryLogs.mockReturnValueOnce(new Promise((resolve) => (answerStale = resolve)));
    bridge.api.queryLogs.mockResolvedValueOnce({ items: [makeLogSummary({ id: 'errors-only', status: 500 })], next_cursor: null });
    const stale = store.getState().loadLogs();
    store.getState().setLogFilter({ status: 'error' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    answerStale({ items: [makeLogSummary({ id: 'unfiltered' })], next_cursor: null });
    await stale;
    expect(store.getState().requestLog.items.map((item) => item.id)).toEqual(['errors-only']);
  });
});
