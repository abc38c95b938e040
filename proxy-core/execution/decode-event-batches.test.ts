import { describe, expect, it } from 'vitest';
import type { GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import { createGeminiStreamDecoder } from '../upstream/decode-gemini-stream.js';
import { decodeEventBatches } from './decode-event-batches.js';

const text = (value: string, finishReason?: string): GeminiResponseChunk => ({
  candidates: [{ content: { role: 'model', parts: [{ text: value }] }, ...(finishReason === undefined ? {} : { finishReason }) }],
});

/** A source handing out the given batches, then ending or failing; it records being closed. */
function source(batches: GeminiResponseChunk[][], error?: Error) {
  let index = 0;
  const state = { closed: 0 };
  const iterator: AsyncIterator<readonly GeminiResponseChunk[], undefined> = {
    next() {
      if (index < batches.length) return Promise.resolve({ done: false, value: batches[index++] as GeminiResponseChunk[] });
      return error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(error);
    },
    return() {
      state.closed += 1;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return { iterator, state };
}

function decode(batches: GeminiResponseChunk[][], error?: Error) {
  const upstream = source(batches, error);
  const observed: string[] = [];
  const events = decodeEventBatches(upstream.iterator, createGeminiStreamDecoder({ createToolCallId: () => 'call_1' }), (event) => observed.push(event.type));
  return { upstream, observed, events };
}

async function drain(iterator: AsyncIterator<Array<{ type: string }>, undefined>): Promise<{ types: string[][]; error?: unknown }> {
  const types: string[][] = [];
  try {
    for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) types.push(step.value.map((event) => event.type));
  } catch (error) {
    return { types, error };
  }
  return { types };
}

describe('decodeEventBatches', () => {
  it('decodes a batch per read, skips reads that decode to nothing, and ends with the finish event', async () => {
    const { events, observed, upstream } = decode([[text('a'), text('b')], [], [text('c', 'STOP')]]);
    const result = await drain(events);
    expect(result).toEqual({ types: [['start', 'text-delta', 'text-delta'], ['text-delta'], ['finish']] });
    expect(observed).toEqual(result.types.flat());
    expect(upstream.state.closed).toBe(0);
  });

  it('fails an answer that ends without content or finish reason, after the events it had', async () => {
    const { events } = decode([[text('a')]]);
    const result = await drain(events);
    expect(result.types).toEqual([['start', 'text-delta']]);
    expect(result.error).toMatchObject({ message: 'Upstream stream ended before the answer was complete' });
  });

  it('closes the upstream when a chunk cannot be decoded', async () => {
    const broken = { candidates: [{ content: { role: 'model', parts: null } }] } as unknown as GeminiResponseChunk;
    const { events, upstream } = decode([[text('a')], [broken]]);
    const result = await drain(events);
    expect(result.types).toEqual([['start', 'text-delta']]);
    expect(result.error).toBeInstanceOf(TypeError);
    expect(upstream.state.closed).toBe(1);
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('passes a source failure on as it is, without closing the source again', async () => {
    const failure = new Error('connection reset');
    const { events, upstream } = decode([[text('a')]], failure);
    const result = await drain(events);
    expect(result).toEqual({ types: [['start', 'text-delta']], error: failure });
    expect(upstream.state.closed).toBe(0);
    // Over: a later read ends at once instead of asking the failed source again.
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('a source that cannot be closed is simply left when the consumer stops', async () => {
    const batches = [[text('a')]];
    const bare: AsyncIterator<readonly GeminiResponseChunk[], undefined> = {
      next: () => Promise.resolve(batches.length > 0 ? { done: false, value: batches.shift() as GeminiResponseChunk[] } : { done: true, value: undefined }),
    };
    const events = decodeEventBatches(bare, createGeminiStreamDecoder({ createToolCallId: () => 'call_1' }), () => {});
    await events.next();
    await expect(events.return()).resolves.toEqual({ done: true, value: undefined });
  });

  it('closes the upstream once when the consumer stops', async () => {
    const { events, upstream } = decode([[text('a')], [text('b', 'STOP')]]);
    await events.next();
    await events.return();
    await events.return();
    expect(upstream.state.closed).toBe(1);
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });
});
