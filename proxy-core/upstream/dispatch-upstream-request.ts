/**
 * One upstream HTTP exchange through undici's `dispatch` with a handler of our own, the response
 * body read as a pull iterator of network reads. It replaces `dispatcher.request()`, the
 * Readable it wraps every body in, the AsyncResource and abort plumbing around it, and the
 * parsing of every answer's headers: 2.6 % of the gateway's CPU per streamed request and 4.4 %
 * per non-streaming one (`npm run bench:compare`, bench/README.md).
 *
 * - The promise resolves at the response head (status >= 200) with the status, the headers and
 *   the body, and rejects when the exchange fails before it.
 * - A waiting read gets every chunk undici delivers in the same turn in one piece (undici calls
 *   once per HTTP chunk, and one socket read often holds many), so the stages behind it run once
 *   per network read. Chunk boundaries are not kept: they carry no meaning in a byte stream.
 * - While more than `maxWaitingBytes` wait unread, the exchange is paused (undici stops reading
 *   the socket) until the next read.
 * - `signal` aborts the exchange at any point: before the head, the promise rejects with the
 *   signal's reason; after it, the pending read and every later one do.
 * - A connection that closes before the end fails the body with undici's error, and so does any
 *   other failure after the head.
 * - The body's `return()` aborts an exchange that has not completed.
 */
import { util, type Dispatcher } from 'undici';
import type { AbortSignalLike } from '../util/light-abort-controller.js';

export interface UpstreamResponse {
  readonly statusCode: number;
  /** Lower-cased names, as undici parses them (on first use: only error answers read them). */
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: UpstreamBody;
}

/** What the caller gives `dispatch` besides the handler (undici's DispatchOptions). */
export type UpstreamRequestOptions = Dispatcher.DispatchOptions;

/** The response body: `next()` a network read at a time; `complete` once the last byte arrived. */
export interface UpstreamBody extends AsyncIterator<Buffer, undefined> {
  /** Every byte arrived (whether read or not): the connection went back to the pool. */
  readonly complete: boolean;
  /** Aborts the exchange unless it completed; later reads end at once. Same as `return()`. */
  return(): Promise<IteratorReturnResult<undefined>>;
}

const done: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Bytes that may wait unread before the socket is paused: a Readable's default high-water mark. */
export const maxWaitingBytes = 64 * 1024;

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

export function dispatchUpstreamRequest(
  dispatcher: Dispatcher,
  options: UpstreamRequestOptions,
  signal?: AbortSignalLike,
): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const exchange = new UpstreamExchange(resolve, reject, signal);
    if (signal?.aborted === true) {
      exchange.onError((signal.reason as Error | undefined) ?? abortError());
      return;
    }
    dispatcher.dispatch(options, exchange);
  });
}

interface Waiting {
  resolve: (step: IteratorResult<Buffer, undefined>) => void;
  reject: (error: unknown) => void;
}

/**
 * The handler and the body in one object: one is made for every upstream call, and the body
 * lives exactly as long as the exchange. A class, not closures.
 */
class UpstreamExchange implements Dispatcher.DispatchHandler, UpstreamResponse, UpstreamBody {
  statusCode = 0;
  private rawHeaders: Buffer[] = [];
  private parsedHeaders: UpstreamResponse['headers'] | undefined;
  /** undici's abort for this exchange, once it is on a connection. */
  private abortExchange: ((error: Error) => void) | undefined;
  /** undici's resume, once the head arrived; `paused`: the last chunk was refused. */
  private resumeExchange: (() => void) | undefined;
  private paused = false;
  /** Set once the exchange is aborted (undici is told at once, or when it hands out its abort). */
  private abortReason: { reason: unknown } | undefined;
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private stopped = false;
  private failure: { error: unknown } | undefined;
  private waiting: Waiting | undefined;
  private flushScheduled = false;
  private readonly onAbort: (() => void) | undefined;
  private readonly flush: () => void;

  constructor(
    private resolveHead: ((response: UpstreamResponse) => void) | undefined,
    private rejectHead: ((error: unknown) => void) | undefined,
    private readonly signal: AbortSignalLike | undefined,
  ) {
    this.flush = this.flushNow.bind(this);
    if (signal !== undefined && !signal.aborted) {
      this.onAbort = this.abortFromSignal.bind(this);
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  get complete(): boolean {
    return this.ended;
  }

  // ------------------------------------------------------------------- undici handler
  // undici's own callbacks (the ones its HTTP/1 client calls), not the controller-style API
  // that undici 7 adapts onto them: that adapter parses the headers of every answer into an
  // object, and a success answer never needs them.

  onConnect(abort: (error?: Error) => void): void {
    this.abortExchange = abort;
    if (this.abortReason !== undefined) abort(this.abortReason.reason as Error);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // 1xx informational heads come before the real one.
    if (statusCode < 200 || this.resolveHead === undefined) return true;
    this.statusCode = statusCode;
    this.rawHeaders = rawHeaders;
    this.resumeExchange = resume;
    const resolve = this.resolveHead;
    this.resolveHead = undefined;
    this.rejectHead = undefined;
    resolve(this);
    return true;
  }

  /** Returns false to pause the exchange until `resume`. */
  onData(chunk: Buffer): boolean {
    if (this.stopped) return true;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (this.waiting === undefined) {
      this.paused = this.queuedBytes > maxWaitingBytes;
      return !this.paused;
    }
    if (!this.flushScheduled) {
      // After the chunks that arrive in the same turn.
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
    return true;
  }

  onComplete(): void {
    this.ended = true;
    this.detachSignal();
    if (!this.flushScheduled) this.settle();
  }

  onError(error: Error): void {
    this.detachSignal();
    if (this.rejectHead !== undefined) {
      const reject = this.rejectHead;
      this.resolveHead = undefined;
      this.rejectHead = undefined;
      reject(error);
      return;
    }
    this.failure ??= { error };
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.settle();
  }

  // ----------------------------------------------------------------------- the body

  get headers(): UpstreamResponse['headers'] {
    this.parsedHeaders ??= util.parseHeaders(this.rawHeaders) as UpstreamResponse['headers'];
    return this.parsedHeaders;
  }

  get body(): UpstreamBody {
    return this;
  }

  next(): Promise<IteratorResult<Buffer, undefined>> {
    if (this.stopped) return Promise.resolve(done);
    if (this.failure !== undefined) return Promise.reject(this.failure.error);
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.take() });
    if (this.ended) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      if (this.paused) {
        this.paused = false;
        this.resumeExchange?.();
      }
    });
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    if (!this.stopped) {
      this.stopped = true;
      this.queue.length = 0;
      this.queuedBytes = 0;
      this.abort(abortError());
      this.detachSignal();
    }
    return Promise.resolve(done);
  }

  // ----------------------------------------------------------------------- internals

  private abortFromSignal(): void {
    this.abort((this.signal as AbortSignalLike).reason ?? abortError());
  }

  private abort(reason: unknown): void {
    if (this.ended || this.failure !== undefined || this.abortReason !== undefined) return;
    this.abortReason = { reason };
    this.abortExchange?.(reason as Error);
  }

  private detachSignal(): void {
    if (this.onAbort !== undefined) this.signal?.removeEventListener('abort', this.onAbort);
  }

  private take(): Buffer {
    const { queue } = this;
    const chunk = queue.length === 1 ? (queue[0] as Buffer) : Buffer.concat(queue, this.queuedBytes);
    queue.length = 0;
    this.queuedBytes = 0;
    return chunk;
  }

  /** Answers the waiting read, if it can be answered. */
  private settle(): void {
    const read = this.waiting;
    if (read === undefined) return;
    if (this.failure !== undefined) {
      this.waiting = undefined;
      read.reject(this.failure.error);
    } else if (this.queue.length > 0) {
      this.waiting = undefined;
      read.resolve({ done: false, value: this.take() });
    } else if (this.ended) {
      this.waiting = undefined;
      read.resolve(done);
    }
  }

  private flushNow(): void {
    this.flushScheduled = false;
    this.settle();
  }
}
