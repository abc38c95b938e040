/**
 * Canonical generation events -> OpenAI chat completion SSE frames
 * (https://platform.openai.com/docs/api-reference/chat-streaming): one `chat.completion.chunk`
 * per event that carries content, a last chunk with `finish_reason`, the usage chunk when the
 * client asked for it, then `data: [DONE]`. A failure, or an upstream stream that ends without a
 * finish, yields one error frame and no `[DONE]`: a cut answer must never look complete.
 */
import { GatewayError, toGatewayError } from '../../../errors/gateway-error.js';
import { transformBatches, type BatchTransform } from '../../../util/batched-async-iterable.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
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
  /** Google Search's sources as text after the answer (shared/format-grounding-sources.ts: not for a JSON-only answer). */
  sourcesAsText: boolean;
}

export const doneFrame = 'data: [DONE]\n\n';

/**
 * The frames, one string each, produced a whole upstream read at a time (the result also hands
 * them out in batches, see util/batched-async-iterable.ts, which writeSseResponse uses).
 */
export function encodeOpenAIChatStream(events: AsyncIterable<GenerationEvent>, options: EncodeOpenAIChatStreamOptions): AsyncIterable<string> {
  return transformBatches(events, createOpenAIChatStreamEncoder(options));
}

/** The encoder as a synchronous step: event in, frames out. */
export function createOpenAIChatStreamEncoder(options: EncodeOpenAIChatStreamOptions): BatchTransform<GenerationEvent, string> {
  let roleSent = false;
  let toolCallCount = 0;

  // Every chunk is the same object around its delta: written once as text, byte for byte what
  // JSON.stringify gives for { id, object, created, model, choices: [{ index, delta, logprobs,
  // finish_reason }], usage? } (OpenAIChatCompletionChunk).
  const head = `data: {"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${JSON.stringify(options.created)},"model":${JSON.stringify(options.model)},"choices":[{"index":0,"delta":`;
  const tail = (finishReason: OpenAIChatFinishReason | null): string =>
    `,"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${options.includeUsage ? ',"usage":null' : ''}}\n\n`;
  const openTail = tail(null);
  const chunk = (delta: OpenAIChatChunkDelta, finishReason: OpenAIChatFinishReason | null = null): string =>
    `${head}${JSON.stringify(delta)}${finishReason === null ? openTail : tail(finishReason)}`;
  // The two deltas of nearly every chunk, written without building the object (same text as `chunk`).
  const textChunk = (field: 'content' | 'reasoning_content', text: string): string => `${head}{"${field}":${JSON.stringify(text)}}${openTail}`;

  // OpenAI opens every stream with the role; it is sent with the first frame, not on `start`,
  // so a stream that fails before any content is a lone error frame.
  const open = (out: string[]): void => {
    if (roleSent) return;
    roleSent = true;
    out.push(chunk({ role: 'assistant', content: '' }));
  };

  return {
    push(event, out) {
      switch (event.type) {
        case 'text-delta':
          if (event.text === '') break;
          open(out);
          out.push(textChunk('content', event.text));
          break;
        case 'reasoning-delta':
          if (event.text === '') break;
          open(out);
          out.push(textChunk('reasoning_content', event.text));
          break;
        case 'tool-call':
          open(out);
          out.push(
            chunk({
              tool_calls: [
                {
                  index: toolCallCount,
                  id: event.id,
                  type: 'function',
                  function: { name: options.toolNames.get(event.name) ?? event.name, arguments: JSON.stringify(event.arguments) },
                },
              ],
            }),
          );
          toolCallCount += 1;
          break;
        case 'inline-data':
          open(out);
          out.push(chunk({ content: formatInlineImage(event.mimeType, event.data) }));
          break;
        case 'grounding': {
          const sources = options.sourcesAsText ? formatGroundingSources(event.sources) : '';
          if (sources === '') break;
          open(out);
          out.push(textChunk('content', sources));
          break;
        }
        case 'finish':
          open(out);
          out.push(chunk({}, mapOpenAIFinishReason(event.reason, toolCallCount > 0)));
          if (options.includeUsage) out.push(usageFrame(options, convertOpenAIChatUsage(event.usage)));
          out.push(doneFrame);
          return true;
        case 'start':
        case 'reasoning-signature':
        case 'usage':
          break;
      }
      return false;
    },
    end(out) {
      out.push(errorFrame(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.')));
    },
    fail(error, out) {
      out.push(errorFrame(error));
    },
  };
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
