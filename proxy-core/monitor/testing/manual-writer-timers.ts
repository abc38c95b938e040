/** Timers for the request-log writer that run only when the test says so. */
import type { WriterTimers } from '../request-log-writer.js';

export interface ManualWriterTimers extends WriterTimers {
  /** Run the flush interval's callback once. */
  tick(): void;
  /** Run what `defer` queued. */
  runDeferred(): void;
  readonly deferred: number;
  readonly active: boolean;
}

export function manualWriterTimers(): ManualWriterTimers {
  let interval: (() => void) | undefined;
  let queued: Array<() => void> = [];
  return {
    setInterval(callback) {
      interval = callback;
      return 1;
    },
    clearInterval() {
      interval = undefined;
    },
    defer(callback) {
      queued.push(callback);
    },
    tick() {
      interval?.();
    },
    runDeferred() {
      const now = queued;
      queued = [];
      for (const callback of now) callback();
    },
    get deferred() {
      return queued.length;
    },
    get active() {
      return interval !== undefined;
    },
  };
}
