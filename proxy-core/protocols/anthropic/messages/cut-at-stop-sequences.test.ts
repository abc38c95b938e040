import { describe, expect, it } from 'vitest';
import { emptyUsage, type GenerationEvent } from '../../../canonical/generation-event.js';
import { cutAtStopSequences, type StopAwareGenerationEvent } from './cut-at-stop-sequences.js';

async function run(texts: string[], sequences: string[], finish = true): Promise<{ events: StopAwareGenerationEvent[]; closed: boolean }> {
  let closed = false;
  async function* source(): AsyncGenerator<GenerationEvent> {
    try {
      for (const text of texts) yield { type: 'text-delta', text };
      if (finish) yield { type: 'finish', reason: 'stop', usage: emptyUsage };
    } finally {
      closed = true;
    }
  }
  const events: StopAwareGenerationEvent[] = [];
  for await (const event of cutAtStopSequences(source(), sequences, { sourcesAsText: true })) events.push(event);
  return { events, closed };
}

const text = (events: StopAwareGenerationEvent[]) => events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
const finish = (events: StopAwareGenerationEvent[]) => events.find((event) => event.type === 'finish');

describe('cutAtStopSequences', () => {
  it('passes everything through without sequences', async () => {
    const { events } = await run(['a', 'b'], []);
    expect(events).toEqual([{ type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }, { type: 'finish', reason: 'stop', usage: emptyUsage }]);
  });

  it('finds a sequence split across deltas, cuts before it and closes the source', async () => {
    const { events, closed } = await run(['Hello <', '/ans', 'wer> trailing'], ['</answer>']);
    expect(text(events)).toBe('Hello ');
    expect(finish(events)).toMatchObject({ reason: 'stop', stopSequence: '</answer>' });
    expect(closed).toBe(true);
  });

  it('stops at the earliest sequence, the longer one on a tie', async () => {
    expect(finish((await run(['xx STOP yy END'], ['END', 'STOP'])).events)).toMatchObject({ stopSequence: 'STOP' });
    expect(finish((await run(['ab'], ['a', 'ab'])).events)).toMatchObject({ stopSequence: 'ab' });
  });

  it('releases held-back text before the finish when no sequence came', async () => {
    const { events } = await run(['almost EN'], ['END']);
    expect(text(events)).toBe('almost EN');
    expect(finish(events)).toEqual({ type: 'finish', reason: 'stop', usage: emptyUsage });
  });

  it('never splits a surrogate pair between deltas', async () => {
    const { events } = await run(['ok 😀', '!'], ['xy']);
    for (const event of events) if (event.type === 'text-delta') expect(event.text).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(text(events)).toBe('ok 😀!');
  });
});
