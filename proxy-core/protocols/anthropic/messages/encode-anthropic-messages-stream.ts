/**
 * Canonical generation events -> Anthropic SSE frames
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): `event: <type>` and
 * `data: <json>` per event. A failure mid-stream becomes one `error` event
 * (`{type:"error",error:{type,message}}`, what Anthropic sends for an overloaded stream) and the
 * stream stops: never a clean `message_stop` after a failure.
 */
import { toGatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { renderAnthropicError } from '../render-anthropic-error.js';
import { convertToAnthropicStreamEvents, type AnthropicStreamOptions } from './convert-to-anthropic-stream-events.js';

export type EncodeAnthropicMessagesStreamOptions = AnthropicStreamOptions;

/** What Anthropic sends while the answer is slow to come (the SSE heartbeat of this protocol). */
export const anthropicPingFrame = 'event: ping\ndata: {"type": "ping"}\n\n';

export async function* encodeAnthropicMessagesStream(
  events: AsyncIterable<GenerationEvent>,
  options: EncodeAnthropicMessagesStreamOptions,
): AsyncGenerator<string> {
  try {
    for await (const event of convertToAnthropicStreamEvents(events, options)) yield frame(event.type, event);
  } catch (error) {
    yield frame('error', renderAnthropicError(toGatewayError(error)).body);
  }
}

function frame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
