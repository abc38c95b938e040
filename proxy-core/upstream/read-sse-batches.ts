/**
 * An SSE body as batches of items, one batch per network read: the SSE events a read completes
 * are parsed and turned into items in one synchronous loop. Reads that complete no item are
 * skipped. An item that fails to parse fails the stream, after the items before it in its read
 * (they arrived, and were good).
 *
 * A class, not an async generator: a generator's `next` costs several promise turns (resuming,
 * the `await` on the read, the `await` that `yield` adds), and this runs for every network read
 * of every stream. Here a read costs the one `then` on the body.
 *
 * `release` frees the upstream exactly once: when the body ends, when a read or an item fails,
 * or when the consumer stops early (`return`).
 */
import { createSseParser, type SseParser } from './parse-sse-stream.js';
import { iterationDone as done } from '../util/batched-async-iterable.js';

export interface SseBatchesOptions<T> {
  /** The raw body, a network read at a time (dispatch-upstream-request.ts). */
  body: AsyncIterator<Buffer, undefined>;
  /** One event's `data` as an item; undefined skips it (keep-alives); throws to fail the stream. */
  readEvent: (data: string) => T | undefined;
  /** Before each wait on the body (arming the idle timer). */
  beforeRead: () => void;
  /** After each wait on the body, whatever its outcome. */
  afterRead: () => void;
  /** What to throw for a failed read (called after `afterRead`, before `release`). */
  describeReadError: (error: unknown) => unknown;
  release: () => void;
}

type Step<T> = IteratorResult<T[], undefined>;

export function readSseBatches<T>(options: SseBatchesOptions<T>): AsyncIterator<T[], undefined> {
  return new SseBatches(options);
}

class SseBatches<T> implements AsyncIterator<T[], undefined> {
  private readonly parser: SseParser = createSseParser();
  /** open: reading; failing: an item failed after a batch that is being handed out first; over. */
  private state: 'open' | 'failing' | 'over' = 'open';
  private failure: unknown;
  // Bound once per stream, not a closure per read.
  private readonly onRead: (step: IteratorResult<Buffer, undefined>) => Step<T> | Promise<Step<T>>;
  private readonly onReadError: (error: unknown) => never;

  constructor(private readonly options: SseBatchesOptions<T>) {
    this.onRead = this.read.bind(this);
    this.onReadError = this.readFailed.bind(this);
  }

  next(): Promise<Step<T>> {
    if (this.state === 'over') return Promise.resolve(done);
    if (this.state === 'failing') {
      this.state = 'over';
      return Promise.reject(this.failure);
    }
    this.options.beforeRead();
    return this.options.body.next().then(this.onRead, this.onReadError);
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    this.close();
    return Promise.resolve(done);
  }

  private close(): void {
    if (this.state === 'over') return;
    this.state = 'over';
    this.options.release();
  }

  private read(step: IteratorResult<Buffer, undefined>): Step<T> | Promise<Step<T>> {
    this.options.afterRead();
    // return() while the read was pending: nothing more to hand out.
    if (this.state === 'over') return done;
    const events = step.done === true ? this.parser.end() : this.parser.push(step.value);
    let batch: T[] | undefined;
    for (const event of events) {
      let item: T | undefined;
      try {
        item = this.options.readEvent(event.data);
      } catch (error) {
        this.close();
        if (batch === undefined) throw error;
        this.state = 'failing';
        this.failure = error;
        return { done: false, value: batch };
      }
      if (item !== undefined) (batch ??= []).push(item);
    }
    if (step.done === true) {
      this.close();
      return batch === undefined ? done : { done: false, value: batch };
    }
    // Nothing complete in this read: read on.
    return batch === undefined ? this.next() : { done: false, value: batch };
  }

  private readFailed(error: unknown): never {
    this.options.afterRead();
    const described = this.options.describeReadError(error);
    this.close();
    throw described;
  }
}
