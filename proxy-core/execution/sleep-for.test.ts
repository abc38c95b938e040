/** The retry loop's pause: it waits the time asked, and a client that goes away ends it at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { LightAbortController } from '../util/light-abort-controller.js';
import { sleepFor } from './sleep-for.js';

/** Whether the promise has settled yet, and how. */
function watch(promise: Promise<void>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; error?: unknown } = { settled: 'pending' };
  promise.then(
    () => {
      state.settled = 'resolved';
    },
    (error: unknown) => {
      state.settled = 'rejected';
      state.error = error;
    },
  );
  return state;
}

describe('sleepFor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after exactly the time asked, not before', async () => {
    const controller = new AbortController();
    const state = watch(sleepFor(1_500, controller.signal));
    await vi.advanceTimersByTimeAsync(1_499);
    expect(state.settled).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.settled).toBe('resolved');
  });

  it('stops early with "client closed" when the client goes away during the wait', async () => {
    const controller = new AbortController();
    const state = watch(sleepFor(10_000, controller.signal));
    await vi.advanceTimersByTimeAsync(3_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled).toBe('rejected');
    expect(state.error).toBeInstanceOf(GatewayError);
    expect(state.error).toMatchObject({ kind: 'invalid_request', message: 'The client closed the request.' });
    // No timer is left behind to fire later.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start waiting for a client that is already gone', async () => {
    const controller = new AbortController();
    controller.abort();
    const state = watch(sleepFor(10_000, controller.signal));
    await vi.advanceTimersByTimeAsync(0);
    expect(state).toMatchObject({ settled: 'rejected', error: { kind: 'invalid_request', message: 'The client closed the request.' } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening for the client once the wait is over', async () => {
    const controller = new LightAbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const state = watch(sleepFor(200, controller.signal));
    await vi.advanceTimersByTimeAsync(200);
    expect(state.settled).toBe('resolved');
    expect(added).toHaveBeenCalledTimes(1);
    expect(added.mock.calls[0]?.[0]).toBe('abort');
    expect((added.mock.calls[0] as unknown[] | undefined)?.[2]).toEqual({ once: true });
    expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0]?.[1]);
    // A late abort after the wait has nothing left to reject.
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled).toBe('resolved');
  });
});
