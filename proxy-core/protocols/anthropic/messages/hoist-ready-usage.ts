/**
 * Lets the first frame of an Anthropic stream (`message_start`) carry the prompt's token count.
 * The upstream sends usage in the same chunk as the content, but the decoder yields it after
 * that chunk's parts; when the usage is already there (it comes from the same chunk, so it is
 * produced without waiting for the network) it is moved in front of the first content event. The
 * check waits for nothing but already-queued work (one `setImmediate`), so a stream whose first
 * chunk has no usage is not delayed. Order is otherwise unchanged.
 */
import type { GenerationEvent } from '../../../canonical/generation-event.js';

const contentTypes = new Set<GenerationEvent['type']>(['text-delta', 'reasoning-delta', 'reasoning-signature', 'tool-call', 'inline-data', 'grounding', 'finish']);

const queuedWorkDone = () => new Promise<undefined>((resolve) => setImmediate(resolve, undefined));

export async function* hoistReadyUsage(events: AsyncIterable<GenerationEvent>): AsyncGenerator<GenerationEvent> {
  const iterator = events[Symbol.asyncIterator]();
  let ahead: Promise<IteratorResult<GenerationEvent>> | undefined;
  let decided = false;
  try {
    for (;;) {
      const result = await (ahead ?? iterator.next());
      ahead = undefined;
      if (result.done === true) return;
      const event = result.value;
      if (decided || event.type === 'usage' || !contentTypes.has(event.type)) {
        decided ||= event.type === 'usage';
        yield event;
        continue;
      }
      decided = true;
      ahead = iterator.next();
      const ready = await Promise.race([ahead, queuedWorkDone()]);
      if (ready !== undefined && ready.done !== true && ready.value.type === 'usage') {
        ahead = undefined;
        yield ready.value;
      }
      yield event;
    }
  } finally {
    // A generator cannot be closed while a `next()` is running: close it once that one settles,
    // without making the consumer wait for the upstream's next chunk.
    if (ahead === undefined) await iterator.return?.(undefined);
    else void ahead.finally(() => iterator.return?.(undefined)).catch(() => undefined);
  }
}
