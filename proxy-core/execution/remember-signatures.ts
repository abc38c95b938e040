/** Remember every signature the upstream hands out, watching the events as they are decoded. */
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { ModelFamily } from '../signatures/model-family.js';
import type { SignatureCache } from '../signatures/signature-cache.js';

/** A synchronous observer: call it with every event of one upstream answer, in order. */
export function createSignatureRecorder(cache: SignatureCache, family: ModelFamily): (event: GenerationEvent) => void {
  let reasoning = '';
  return (event) => {
    if (event.type === 'reasoning-delta') reasoning += event.text;
    else if (event.type === 'reasoning-signature') {
      cache.rememberReasoning(reasoning, event.signature, family);
      reasoning = '';
    } else if (event.type === 'tool-call' && event.signature !== undefined) {
      cache.rememberToolCall(event.id, event.signature, family);
    }
  };
}

/** Pass events through while remembering every signature the upstream hands out. */
export async function* rememberSignatures(
  events: AsyncIterable<GenerationEvent>,
  cache: SignatureCache,
  family: ModelFamily,
): AsyncGenerator<GenerationEvent> {
  const observe = createSignatureRecorder(cache, family);
  for await (const event of events) {
    observe(event);
    yield event;
  }
}
