/**
 * Canonical generation events -> one Anthropic `message` object
 * (https://docs.anthropic.com/en/api/messages#response), for clients that did not ask to stream
 * (the upstream is streamed anyway, PROTOCOLS.md). The stream events are folded the way the
 * Anthropic SDKs build their final message, so both paths give the same content. Failures
 * propagate: the caller renders them.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import type { AnthropicMessageResponse } from './anthropic-messages-response-types.js';
import { convertToAnthropicStreamEvents, type AnthropicStreamOptions } from './convert-to-anthropic-stream-events.js';

export type CollectAnthropicMessageOptions = AnthropicStreamOptions;

export async function collectAnthropicMessage(
  events: AsyncIterable<GenerationEvent>,
  options: CollectAnthropicMessageOptions,
): Promise<AnthropicMessageResponse> {
  let message: AnthropicMessageResponse | undefined;
  const toolInput = new Map<number, string>();
  for await (const event of convertToAnthropicStreamEvents(events, options)) {
    if (event.type === 'message_start') {
      message = { ...event.message, content: [] };
      continue;
    }
    if (message === undefined) continue;
    switch (event.type) {
      case 'content_block_start':
        message.content[event.index] = { ...event.content_block };
        break;
      case 'content_block_delta': {
        const block = message.content[event.index];
        const delta = event.delta;
        if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
        else if (block?.type === 'thinking' && delta.type === 'thinking_delta') block.thinking += delta.thinking;
        else if (block?.type === 'thinking' && delta.type === 'signature_delta') block.signature = delta.signature;
        else if (block?.type === 'tool_use' && delta.type === 'input_json_delta') toolInput.set(event.index, (toolInput.get(event.index) ?? '') + delta.partial_json);
        break;
      }
      case 'content_block_stop': {
        const block = message.content[event.index];
        const json = toolInput.get(event.index);
        if (block?.type === 'tool_use' && json !== undefined) block.input = JSON.parse(json) as Record<string, unknown>;
        break;
      }
      case 'message_delta':
        message.stop_reason = event.delta.stop_reason;
        message.stop_sequence = event.delta.stop_sequence;
        message.usage = event.usage;
        break;
      case 'message_stop':
        return message;
    }
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}
