/** Pass events through while remembering every signature the upstream hands out. */
import type { GenerationEvent } from '../protocols/canonical/generation-event.js';
import type { ModelFamily } from '../signatures/model-family.js';
import type { SignatureCache } from '../signatures/signature-cache.js';

export async function* rememberSignatures(
  events: AsyncIterable<GenerationEvent>,
  cache: SignatureCache,
  family: ModelFamily,
): AsyncGenerator<GenerationEvent> {
  let reasoning = '';
  for await (const event of events) {
    if (event.type === 'reasoning-delta') reasoning += event.text;
    else if (event.type === 'reasoning-signature') {
      cache.rememberReasoning(reasoning, event.signature, family);
      reasoning = '';
    } else if (event.type === 'tool-call' && event.signature !== undefined) {
      cache.rememberToolCall(event.id, event.signature, family);
    }
    yield event;
  }
}
