import { describe, expect, it } from 'vitest';
import { emptyUsage, type GenerationEvent } from '../../../canonical/generation-event.js';
import { hoistReadyUsage } from './hoist-ready-usage.js';

const usage = { ...emptyUsage, inputTokens: 42 };

async function collect(events: AsyncIterable<GenerationEvent>): Promise<string[]> {
  const types: string[] = [];
  for await (const event of hoistReadyUsage(events)) types.push(event.type);
  return types;
}

describe('hoistReadyUsage', () => {
  it('moves usage from the same chunk in front of the first content', async () => {
    async function* chunk(): AsyncGenerator<GenerationEvent> {
      yield { type: 'start', responseId: 'r', modelVersion: 'm' };
      yield { type: 'text-delta', text: 'Hel' };
      yield { type: 'usage', usage };
      yield { type: 'text-delta', text: 'lo' };
      yield { type: 'usage', usage };
    }
    expect(await collect(chunk())).toEqual(['start', 'usage', 'text-delta', 'text-delta', 'usage']);
  });

  it('does not wait for usage that is not there yet', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<GenerationEvent> {
      yield { type: 'text-delta', text: 'first' };
      await gate;
      yield { type: 'usage', usage };
    }
    const iterator = hoistReadyUsage(slow())[Symbol.asyncIterator]();
    await expect(iterator.next()).resolves.toEqual({ done: false, value: { type: 'text-delta', text: 'first' } });
    release();
    await expect(iterator.next()).resolves.toEqual({ done: false, value: { type: 'usage', usage } });
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
