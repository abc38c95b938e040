/**
 * Canonical generation events -> legacy Completions SSE frames
 * (https://platform.openai.com/docs/api-reference/completions/object): one `text_completion`
 * chunk per text delta, a last chunk with `finish_reason`, the usage chunk when asked for, then
 * `data: [DONE]`. Reasoning is not completion text and is left out. A failure, or an upstream
 * stream that ends without a finish, yields one error frame and no `[DONE]`, as on chat.
 */
import { GatewayError, toGatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import { convertOpenAIChatUsage } from '../chat/convert-openai-chat-usage.js';
import { doneFrame } from '../chat/encode-openai-chat-stream.js';
import { mapOpenAIFinishReason, type OpenAIChatFinishReason } from '../chat/map-openai-finish-reason.js';
import { renderOpenAIError } from '../render-openai-error.js';
import type { OpenAICompletion } from './openai-completions-response-types.js';

export interface EncodeOpenAICompletionsOptions {
  /** `cmpl-...`, the same on every chunk. */
  id: string;
  /** The model name the client asked for. */
  model: string;
  /** Unix seconds. */
  created: number;
  /** `echo`: the prompt, sent back before the answer. */
  echoPrompt?: string;
  /** `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** Google Search's sources as text after the answer (shared/format-grounding-sources.ts). */
  sourcesAsText: boolean;
}

export async function* encodeOpenAICompletionsStream(
  events: AsyncIterable<GenerationEvent>,
  options: EncodeOpenAICompletionsOptions,
): AsyncGenerator<string> {
  const chunk = (text: string, finishReason: OpenAIChatFinishReason | null = null): string =>
    frame({
      id: options.id,
      object: 'text_completion',
      created: options.created,
      model: options.model,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
    } satisfies OpenAICompletion);

  if (options.echoPrompt) yield chunk(options.echoPrompt);
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
          if (event.text !== '') yield chunk(event.text);
          break;
        case 'inline-data':
          yield chunk(formatInlineImage(event.mimeType, event.data));
          break;
        case 'grounding': {
          const sources = options.sourcesAsText ? formatGroundingSources(event.sources) : '';
          if (sources !== '') yield chunk(sources);
          break;
        }
        case 'finish':
          yield chunk('', mapOpenAIFinishReason(event.reason, false));
          if (options.includeUsage) {
            yield frame({
              id: options.id,
              object: 'text_completion',
              created: options.created,
              model: options.model,
              choices: [],
              usage: convertOpenAIChatUsage(event.usage),
            });
          }
          yield doneFrame;
          return;
        case 'start':
        case 'reasoning-delta':
        case 'reasoning-signature':
        case 'tool-call':
        case 'usage':
          break;
      }
    }
  } catch (error) {
    yield frame(renderOpenAIError(toGatewayError(error)).body);
    return;
  }
  yield frame(renderOpenAIError(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.')).body);
}

function frame(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
