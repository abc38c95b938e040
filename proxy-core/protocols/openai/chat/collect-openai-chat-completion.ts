/**
 * Canonical generation events -> one `chat.completion` object
 * (https://platform.openai.com/docs/api-reference/chat/object), for clients that did not ask to
 * stream (the upstream is streamed anyway, PROTOCOLS.md). Failures propagate: the caller renders
 * them, and a stream that ends without a finish is a failure, not a short answer.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { batchesOf } from '../../../util/batched-async-iterable.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import type { OpenAIChatCompletion, OpenAIChatResponseToolCall } from './openai-chat-response-types.js';

export interface CollectOpenAIChatCompletionOptions {
  id: string;
  /** The model name the client asked for. */
  model: string;
  /** Unix seconds. */
  created: number;
  /** Upstream function name -> client tool name (from the request conversion). */
  toolNames: ReadonlyMap<string, string>;
  /** Google Search's sources as text after the answer (shared/format-grounding-sources.ts: not for a JSON-only answer). */
  sourcesAsText: boolean;
}

export type { OpenAIChatCompletion } from './openai-chat-response-types.js';

export async function collectOpenAIChatCompletion(
  events: AsyncIterable<GenerationEvent>,
  options: CollectOpenAIChatCompletionOptions,
): Promise<OpenAIChatCompletion> {
  let content = '';
  let reasoning = '';
  const toolCalls: OpenAIChatResponseToolCall[] = [];

  // A batch per upstream read: one promise per read, not per event.
  for await (const batch of batchesOf(events)) {
    for (const event of batch) {
      switch (event.type) {
        case 'text-delta':
          content += event.text;
          break;
        case 'reasoning-delta':
          reasoning += event.text;
          break;
        case 'inline-data':
          content += formatInlineImage(event.mimeType, event.data);
          break;
        case 'grounding':
          if (options.sourcesAsText) content += formatGroundingSources(event.sources);
          break;
        case 'tool-call':
          toolCalls.push({
            id: event.id,
            type: 'function',
            function: { name: options.toolNames.get(event.name) ?? event.name, arguments: JSON.stringify(event.arguments) },
          });
          break;
        case 'finish':
          return {
            id: options.id,
            object: 'chat.completion',
            created: options.created,
            model: options.model,
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  // OpenAI sends null content when the answer is only tool calls.
                  content: content === '' && toolCalls.length > 0 ? null : content,
                  ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
                  ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
                  refusal: null,
                },
                logprobs: null,
                finish_reason: mapOpenAIFinishReason(event.reason, toolCalls.length > 0),
              },
            ],
            usage: convertOpenAIChatUsage(event.usage),
          };
        case 'start':
        case 'reasoning-signature':
        case 'usage':
          break;
      }
    }
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}
