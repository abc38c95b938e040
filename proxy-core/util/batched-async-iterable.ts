/**
 * An AsyncIterable that can also hand out its items in the batches they were produced in.
 *
 * A streamed answer is produced one network read at a time, and one read usually completes
 * several items (SSE events, then canonical events, then frames). Passing each item through
 * its own promise at every stage costs far more than the work on the item; stages that know
 * about batches pull `[batchIterator]()` and handle a whole read in one synchronous loop.
 * Everyone else iterates item by item as with any AsyncIterable. A consumer uses one view or
 * the other; both read the same source.
 */

export const batchIterator: unique symbol = Symbol('skyport.batchIterator');

export interface BatchedAsyncIterable<T> extends AsyncIterable<T> {
  [batchIterator](): AsyncIterator<readonly T[], undefined>;
}

const done: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined }) as IteratorReturnResult<undefined>;

/** The items of `source` in batches: its own batches when it has them, else one batch per item. */
export function iterateBatches<T>(source: AsyncIterable<T>): AsyncIterator<readonly T[], undefined> {
  const batched = (source as Partial<BatchedAsyncIterable<T>>)[batchIterator];
  if (typeof batched === 'function') return batched.call(source);
  const iterator = source[Symbol.asyncIterator]();
  return {
    next: () => iterator.next().then((step) => (step.done === true ? done : { done: false, value: [step.value] })),
    return: async () => {
      await iterator.return?.();
      return done;
    },
  };
}

/**
 * Items one at a time over a source of batches (the next batch is read once the previous one
 * is used up), with the batches still available through `[batchIterator]()`.
 */
export class BatchedIterable<T> implements BatchedAsyncIterable<T>, AsyncIterator<T, undefined> {
  private buffer: readonly T[] = [];
  private index = 0;

  constructor(private readonly batches: AsyncIterator<readonly T[], unknown>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  [batchIterator](): AsyncIterator<readonly T[], undefined> {
    return {
      next: () => {
        if (this.index < this.buffer.length) {
          // Items the single-item view left over come first.
          const rest = this.buffer.slice(this.index);
          this.buffer = [];
          this.index = 0;
          return Promise.resolve({ done: false, value: rest });
        }
        return this.batches.next().then((step) => (step.done === true ? done : step));
      },
      return: () => this.return(),
    };
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.index < this.buffer.length) return Promise.resolve({ done: false, value: this.buffer[this.index++] as T });
    return this.batches.next().then((step): IteratorResult<T, undefined> | Promise<IteratorResult<T, undefined>> => {
      if (step.done === true) return done;
      this.buffer = step.value;
      this.index = 0;
      // An empty batch: read on.
      if (this.buffer.length === 0) return this.next();
      return { done: false, value: this.buffer[this.index++] as T };
    });
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.buffer = [];
    this.index = 0;
    await this.batches.return?.();
    return done;
  }
}

/** A synchronous step of a stream transform (an encoder), driven by `transformBatches`. */
export interface BatchTransform<T, U> {
  /** Appends what one input item turns into; returns true when the output is complete. */
  push(item: T, out: U[]): boolean | void;
  /** The input ended before `push` returned true. */
  end(out: U[]): void;
  /** The input (or `push`) threw: append what reports it, or rethrow. */
  fail(error: unknown, out: U[]): void;
}

/**
 * `transform` applied to `source`, a whole input batch at a time: the output is batched the same
 * way, one promise per batch instead of one per item and stage. Once the output is complete, or
 * when the consumer stops early, the source is closed (as `return` inside `for await` does).
 */
export function transformBatches<T, U>(source: AsyncIterable<T>, transform: BatchTransform<T, U>): BatchedIterable<U> {
  const input = iterateBatches(source);
  // open: reading; complete: the output is whole, the source is closed on the next pull; over: nothing more.
  let state: 'open' | 'complete' | 'over' = 'open';

  const emit = (out: U[]): IteratorResult<readonly U[], undefined> => (out.length === 0 ? done : { done: false, value: out });

  const onStep = (step: IteratorResult<readonly T[], undefined>): IteratorResult<readonly U[], undefined> | Promise<IteratorResult<readonly U[], undefined>> => {
    const out: U[] = [];
    try {
      if (step.done === true) {
        state = 'over';
        transform.end(out);
        return emit(out);
      }
      for (const item of step.value) {
        if (transform.push(item, out) === true) {
          state = 'complete';
          return emit(out);
        }
      }
    } catch (error) {
      // `push` (or `end`) threw: report it; a source still open is closed on the next pull.
      state = step.done === true ? 'over' : 'complete';
      transform.fail(error, out);
      return out.length === 0 ? pull() : { done: false, value: out };
    }
    // Nothing to send for this batch (start, usage...): read on.
    return out.length === 0 ? pull() : { done: false, value: out };
  };

  const onError = (error: unknown): IteratorResult<readonly U[], undefined> => {
    state = 'over';
    const out: U[] = [];
    transform.fail(error, out);
    return emit(out);
  };

  function pull(): Promise<IteratorResult<readonly U[], undefined>> {
    if (state === 'over') return Promise.resolve(done);
    if (state === 'complete') {
      state = 'over';
      return close();
    }
    return input.next().then(onStep, onError);
  }

  async function close(): Promise<IteratorReturnResult<undefined>> {
    await input.return?.();
    return done;
  }

  return new BatchedIterable<U>({
    next: pull,
    return: () => {
      if (state === 'over') return Promise.resolve(done);
      state = 'over';
      return close();
    },
  });
}
