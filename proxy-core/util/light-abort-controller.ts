/**
 * An abort signal for the request path, several of which are made for every request: what the
 * gateway uses of an AbortSignal (`aborted`, `reason`, `abort` listeners), without the DOM
 * EventTarget machinery that makes Node's AbortController costly to create and to listen to.
 * Every function that takes an `AbortSignalLike` takes a real AbortSignal as well.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

class LightAbortSignal implements AbortSignalLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> | undefined;

  // A signal fires at most once, so every listener is a `once` listener.
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.listeners === undefined) this.listeners = [listener];
    else this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index !== -1) this.listeners?.splice(index, 1);
  }

  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }
}

export class LightAbortController {
  readonly signal = new LightAbortSignal();

  /** Aborts once; later calls do nothing. Without a reason, the reason is an `AbortError`. */
  abort(reason?: unknown): void {
    if (this.signal.aborted) return;
    this.signal.fire(reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
  }
}
