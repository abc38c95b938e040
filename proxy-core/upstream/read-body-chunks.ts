/**
 * A Readable's bytes, pulled a read at a time: what `readable[Symbol.asyncIterator]()` gives, for
 * a fraction of its cost. Chunks come straight from 'data' events (no detour through the
 * stream's buffer and `read()`); all the chunks that arrive in one turn (undici emits one per
 * HTTP chunk, and one socket read often holds many) are handed to the waiting read in one piece,
 * so the stages behind it run once per network read, not once per chunk. Chunk boundaries are
 * not kept: they carry no meaning in a byte stream. While bytes wait and nobody reads, the
 * stream is paused.
 *
 * As the async iterator does: an 'error' rejects the read (bytes not yet read are dropped), a
 * close before the end rejects with ERR_STREAM_PREMATURE_CLOSE, and `return()` destroys the
 * stream.
 */
import type { Readable } from 'node:stream';

const done: IteratorReturnResult<undefined> = { done: true, value: undefined };

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

interface Waiting {
  resolve: (step: IteratorResult<Buffer, undefined>) => void;
  reject: (error: unknown) => void;
}

export function readBodyChunks(body: Readable): AsyncIterator<Buffer, undefined> {
  return new BodyChunks(body);
}

/** A class, not closures: one is made for every upstream stream. */
class BodyChunks implements AsyncIterator<Buffer, undefined> {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private waiting: Waiting | undefined;
  private flushScheduled = false;
  private readonly onData: (chunk: Buffer) => void;
  private readonly onEnd: () => void;
  private readonly onError: (error: unknown) => void;
  private readonly onClose: () => void;
  private readonly flush: () => void;

  constructor(private readonly body: Readable) {
    this.onData = this.data.bind(this);
    this.onEnd = this.end.bind(this);
    this.onError = this.fail.bind(this);
    this.onClose = this.close.bind(this);
    this.flush = this.flushNow.bind(this);
    body.on('data', this.onData);
    body.on('end', this.onEnd);
    body.on('error', this.onError);
    body.on('close', this.onClose);
    // Closed or failed before we looked (the async iterator would see the same at its first read).
    if (body.destroyed && !body.readableEnded) this.fail(body.errored ?? prematureClose());
  }

  next(): Promise<IteratorResult<Buffer, undefined>> {
    if (this.failure !== undefined) return Promise.reject(this.failure.error);
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.take() });
    if (this.ended) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      if (this.body.isPaused()) this.body.resume();
    });
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    const { body } = this;
    body.off('data', this.onData);
    body.off('end', this.onEnd);
    body.off('error', this.onError);
    body.off('close', this.onClose);
    // Errors from here on have no reader; keep the stream from throwing them.
    body.on('error', ignore);
    if (!body.destroyed) body.destroy();
    return Promise.resolve(done);
  }

  private take(): Buffer {
    const { queue } = this;
    const chunk = queue.length === 1 ? (queue[0] as Buffer) : Buffer.concat(queue);
    queue.length = 0;
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

  private data(chunk: Buffer): void {
    this.queue.push(chunk);
    if (this.waiting === undefined) {
      // Nobody reads: stop the flow until someone does.
      this.body.pause();
    } else if (!this.flushScheduled) {
      // After the chunks that arrive in the same turn.
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
  }

  private end(): void {
    this.ended = true;
    if (!this.flushScheduled) this.settle();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.queue.length = 0;
    this.settle();
  }

  private close(): void {
    if (!this.ended) this.fail(prematureClose());
  }
}

function ignore(): void {}
