/**
 * An AsyncIterable that can also hand out its items in the batches they were produced in.
 *
 * A streamed answer is produced one network read at a time, and one read usually completes
 * several items (SSE events, then canonical events, then frames). Passing each item through
 * its own promise at every stage costs far more than the work on the item; stages that know
 * about batches pull `[batchIterator]()` and handle a whole read in one synchronous loop.
 * Everyone else iterates item by item as with any AsyncIterable. A consumer uses one view or
 * the other; both read the same source.
 *
 * Written as classes, not closures: these objects are made for every request.
 */

export const batchIterator: unique symbol = Symbol('skyport.batchIterator');

export interface BatchedAsyncIterable<T> extends AsyncIterable<T> {
  [batchIterator](): AsyncIterator<readonly T[], undefined>;
}

type Step<T> = IteratorResult<T, undefined>;

/** The end of an iteration, one shared frozen object (stream stages return it once per stream). */
export const iterationDone: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined }) as IteratorReturnResult<undefined>;
const done = iterationDone;
const resolvedDone: Promise<IteratorReturnResult<undefined>> = Promise.resolve(done);

/** One batch per item, for sources that do not batch. */
class SingleItemBatches<T> implements AsyncIterator<readonly T[], undefined> {
  private readonly iterator: AsyncIterator<T>;

  constructor(source: AsyncIterable<T>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  next(): Promise<Step<readonly T[]>> {
    return this.iterator.next().then(wrapItem);
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    await this.iterator.return?.();
    return done;
  }
}

function wrapItem<T>(step: IteratorResult<T>): Step<readonly T[]> {
  return step.done === true ? done : { done: false, value: [step.value] };
}

/** The items of `source` in batches: its own batches when it has them, else one batch per item. */
export function iterateBatches<T>(source: AsyncIterable<T>): AsyncIterator<readonly T[], undefined> {
  const batched = (source as Partial<BatchedAsyncIterable<T>>)[batchIterator];
  if (typeof batched === 'function') return batched.call(source);
  return new SingleItemBatches(source);
}

/** `iterateBatches` for `for await`: `for await (const batch of batchesOf(source))`. */
export function batchesOf<T>(source: AsyncIterable<T>): AsyncIterable<readonly T[]> {
  return { [Symbol.asyncIterator]: () => iterateBatches(source) };
}

/** The batch view of a BatchedIterable: what the item view left of the current batch comes first. */
class BatchView<T> implements AsyncIterator<readonly T[], undefined> {
  constructor(private readonly owner: BatchedIterable<T>) {}

  next(): Promise<Step<readonly T[]>> {
    return this.owner.nextBatch();
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    return this.owner.return();
  }
}

/**
 * Items one at a time over a source of batches (the next batch is read once the previous one
 * is used up), with the batches still available through `[batchIterator]()`.
 */
export class BatchedIterable<T> implements BatchedAsyncIterable<T>, AsyncIterator<T, undefined> {
  private buffer: readonly T[] = [];
  private index = 0;

  /** `batches` must end with `{ done: true, value: undefined }`, as every producer here does. */
  constructor(private readonly batches: AsyncIterator<readonly T[], undefined>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  [batchIterator](): AsyncIterator<readonly T[], undefined> {
    return new BatchView(this);
  }

  nextBatch(): Promise<Step<readonly T[]>> {
    if (this.index < this.buffer.length) {
      const rest = this.buffer.slice(this.index);
      this.buffer = [];
      this.index = 0;
      return Promise.resolve({ done: false, value: rest });
    }
    // Straight from the source: no extra promise per batch at every stage of a stream.
    return this.batches.next();
  }

  next(): Promise<Step<T>> {
    if (this.index < this.buffer.length) return Promise.resolve({ done: false, value: this.buffer[this.index++] as T });
    this.onBatch ??= this.takeBatch.bind(this);
    return this.batches.next().then(this.onBatch);
  }

  private onBatch: ((step: Step<readonly T[]>) => Step<T> | Promise<Step<T>>) | undefined;

  private takeBatch(step: Step<readonly T[]>): Step<T> | Promise<Step<T>> {
    if (step.done === true) return done;
    this.buffer = step.value;
    this.index = 0;
    // An empty batch: read on.
    if (this.buffer.length === 0) return this.next();
    return { done: false, value: this.buffer[this.index++] as T };
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
 * `transform` over a source, a whole input batch at a time. States: open (reading); complete
 * (the output is whole: the source is closed at the next pull); over (nothing more).
 */
class TransformedBatches<T, U> implements AsyncIterator<readonly U[], undefined> {
  private state: 'open' | 'complete' | 'over' = 'open';
  // Bound once per stream, not a closure per batch.
  private readonly onStep: (step: Step<readonly T[]>) => Step<readonly U[]> | Promise<Step<readonly U[]>>;
  private readonly onError: (error: unknown) => Step<readonly U[]>;

  constructor(
    private readonly input: AsyncIterator<readonly T[], undefined>,
    private readonly transform: BatchTransform<T, U>,
  ) {
    this.onStep = this.take.bind(this);
    this.onError = this.fail.bind(this);
  }

  next(): Promise<Step<readonly U[]>> {
    if (this.state === 'over') return resolvedDone;
    if (this.state === 'complete') {
      this.state = 'over';
      return this.close();
    }
    return this.input.next().then(this.onStep, this.onError);
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    if (this.state === 'over') return resolvedDone;
    this.state = 'over';
    return this.close();
  }

  private take(step: Step<readonly T[]>): Step<readonly U[]> | Promise<Step<readonly U[]>> {
    const out: U[] = [];
    try {
      if (step.done === true) {
        this.state = 'over';
        this.transform.end(out);
        return out.length === 0 ? done : { done: false, value: out };
      }
      for (const item of step.value) {
        if (this.transform.push(item, out) === true) {
          this.state = 'complete';
          return out.length === 0 ? this.next() : { done: false, value: out };
        }
      }
    } catch (error) {
      // `push` (or `end`) threw: report it; a source still open is closed on the next pull.
      this.state = step.done === true ? 'over' : 'complete';
      this.transform.fail(error, out);
      return out.length === 0 ? this.next() : { done: false, value: out };
    }
    // Nothing to send for this batch (start, usage...): read on.
    return out.length === 0 ? this.next() : { done: false, value: out };
  }

  private fail(error: unknown): Step<readonly U[]> {
    this.state = 'over';
    const out: U[] = [];
    this.transform.fail(error, out);
    return out.length === 0 ? done : { done: false, value: out };
  }

  private async close(): Promise<IteratorReturnResult<undefined>> {
    await this.input.return?.();
    return done;
  }
}

/**
 * `transform` applied to `source`, a whole input batch at a time: the output is batched the same
 * way, one promise per batch instead of one per item and stage. Once the output is complete, or
 * when the consumer stops early, the source is closed (as `return` inside `for await` does).
 */
export function transformBatches<T, U>(source: AsyncIterable<T>, transform: BatchTransform<T, U>): BatchedIterable<U> {
  return new BatchedIterable<U>(new TransformedBatches(iterateBatches(source), transform));
}
