/**
 * Upstream chunks -> canonical events, one batch per upstream network read: decoded and watched
 * (signatures, the caller's onEvent) in one synchronous loop, so an event costs no promise of its
 * own. A class, not an async generator: a generator adds promise turns to every read of every
 * stream (see upstream/read-sse-batches.ts).
 *
 * Closing it closes the upstream; so does a chunk the decoder refuses. Once the upstream ends,
 * the decoder's finish event (or its complaint about an empty or cut answer) comes last.
 */
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import type { GeminiStreamDecoder } from '../upstream/decode-gemini-stream.js';
import { iterationDone as done } from '../util/batched-async-iterable.js';

type Step = IteratorResult<GenerationEvent[], undefined>;

export function decodeEventBatches(
  source: AsyncIterator<readonly GeminiResponseChunk[], undefined>,
  decoder: GeminiStreamDecoder,
  observe: (event: GenerationEvent) => void,
): AsyncIterator<GenerationEvent[], undefined> & { return(): Promise<IteratorReturnResult<undefined>> } {
  return new EventBatches(source, decoder, observe);
}

class EventBatches implements AsyncIterator<GenerationEvent[], undefined> {
  private over = false;
  // Bound once per stream, not a closure per read.
  private readonly onStep: (step: IteratorResult<readonly GeminiResponseChunk[], undefined>) => Step | Promise<Step>;
  private readonly onSourceError: (error: unknown) => never;

  constructor(
    private readonly source: AsyncIterator<readonly GeminiResponseChunk[], undefined>,
    private readonly decoder: GeminiStreamDecoder,
    private readonly observe: (event: GenerationEvent) => void,
  ) {
    this.onStep = this.take.bind(this);
    this.onSourceError = this.sourceFailed.bind(this);
  }

  next(): Promise<Step> {
    if (this.over) return Promise.resolve(done);
    return this.source.next().then(this.onStep, this.onSourceError);
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    if (this.over) return done;
    this.over = true;
    await this.source.return?.();
    return done;
  }

  private take(step: IteratorResult<readonly GeminiResponseChunk[], undefined>): Step | Promise<Step> {
    const events: GenerationEvent[] = [];
    try {
      if (step.done === true) {
        this.over = true;
        this.decoder.end(events);
      } else {
        for (const chunk of step.value) this.decoder.push(chunk, events);
      }
    } catch (error) {
      // The source ended already, or is closed now: nothing stays open behind a failed decode.
      if (!this.over) void this.return();
      throw error;
    }
    // Nothing to hand out for this read (no event decoded): read on.
    if (events.length === 0) return this.next();
    for (const event of events) this.observe(event);
    return { done: false, value: events };
  }

  /** The source failed (it has released the upstream itself): over, and the error goes on. */
  private sourceFailed(error: unknown): never {
    this.over = true;
    throw error;
  }
}
