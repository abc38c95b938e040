/**
 * Canonical generation events -> OpenAI chat completion SSE frames
 * (https://platform.openai.com/docs/api-reference/chat-streaming): one `chat.completion.chunk`
 * per event that carries content, a last chunk with `finish_reason`, the usage chunk when the
 * client asked for it, then `data: [DONE]`. A failure, or an upstream stream that ends without a
 * finish, yields one error frame and no `[DONE]`: a cut answer must never look complete.
 */
import { GatewayError, toGatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../canonical/generation-event.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import { mapOpenAIFinishReason, type OpenAIChatFinishReason } from './map-openai-finish-reason.js';
import type { OpenAIChatChunkDelta, OpenAIChatCompletionChunk, OpenAIChatUsage } from './openai-chat-response-types.js';

export interface EncodeOpenAIChatStreamOptions {
  /** `chatcmpl-...`, the same on every chunk of the stream. */
  id: string;
  /** The model name the client asked for. */
  model: string;
  /** Unix seconds. */
  created: number;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  /** Upstream function name -> client tool name (from the request conversion). */
  toolNames: ReadonlyMap<string, string>;
}

export const doneFrame = 'data: [DONE]\n\n';

export async function* encodeOpenAIChatStream(
  events: AsyncIterable<GenerationEvent>,
  options: EncodeOpenAIChatStreamOptions,
): AsyncGenerator<string> {
  let roleSent = false;
  let toolCallCount = 0;

  const chunk = (delta: OpenAIChatChunkDelta, finishReason: OpenAIChatFinishReason | null = null): string =>
    frame({
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model: options.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(options.includeUsage ? { usage: null } : {}),
    } satisfies OpenAIChatCompletionChunk);

  // OpenAI opens every stream with the role; it is sent with the first frame, not on `start`,
  // so a stream that fails before any content is a lone error frame.
  function* open(): Generator<string> {
    if (roleSent) return;
    roleSent = true;
    yield chunk({ role: 'assistant', content: '' });
  }

  try {
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
          if (event.text === '') break;
          yield* open();
          yield chunk({ content: event.text });
          break;
        case 'reasoning-delta':
          if (event.text === '') break;
          yield* open();
          yield chunk({ reasoning_content: event.text });
          break;
        case 'tool-call':
          yield* open();
          yield chunk({
            tool_calls: [
              {
                index: toolCallCount,
                id: event.id,
                type: 'function',
                function: { name: options.toolNames.get(event.name) ?? event.name, arguments: JSON.stringify(event.arguments) },
              },
            ],
          });
          toolCallCount += 1;
          break;
        case 'inline-data':
          yield* open();
          yield chunk({ content: formatInlineImage(event.mimeType, event.data) });
          break;
        case 'finish':
          yield* open();
          yield chunk({}, mapOpenAIFinishReason(event.reason, toolCallCount > 0));
          if (options.includeUsage) yield usageFrame(options, convertOpenAIChatUsage(event.usage));
          yield doneFrame;
          return;
        case 'start':
        case 'reasoning-signature':
        case 'usage':
          break;
      }
    }
  } catch (error) {
    yield errorFrame(error);
    return;
  }
  yield errorFrame(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.'));
}

function usageFrame(options: EncodeOpenAIChatStreamOptions, usage: OpenAIChatUsage): string {
  return frame({
    id: options.id,
    object: 'chat.completion.chunk',
    created: options.created,
    model: options.model,
    choices: [],
    usage,
  } satisfies OpenAIChatCompletionChunk);
}

function errorFrame(error: unknown): string {
  return frame(renderOpenAIError(toGatewayError(error)).body);
}

function frame(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
