/**
 * Canonical generation events -> one `text_completion` object
 * (https://platform.openai.com/docs/api-reference/completions/object) for clients that did not
 * ask to stream. Only the answer text: reasoning is not completion text. Failures propagate; a
 * stream that ends without a finish is a failure, not a short answer.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import { convertOpenAIChatUsage } from '../chat/convert-openai-chat-usage.js';
import { mapOpenAIFinishReason } from '../chat/map-openai-finish-reason.js';
import type { EncodeOpenAICompletionsOptions } from './encode-openai-completions-stream.js';
import type { OpenAICompletion } from './openai-completions-response-types.js';

export async function collectOpenAICompletion(
  events: AsyncIterable<GenerationEvent>,
  options: Omit<EncodeOpenAICompletionsOptions, 'includeUsage'>,
): Promise<OpenAICompletion> {
  let text = options.echoPrompt ?? '';
  for await (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    else if (event.type === 'inline-data') text += formatInlineImage(event.mimeType, event.data);
    else if (event.type === 'grounding') text += options.sourcesAsText ? formatGroundingSources(event.sources) : '';
    else if (event.type === 'finish') {
      return {
        id: options.id,
        object: 'text_completion',
        created: options.created,
        model: options.model,
        choices: [{ text, index: 0, logprobs: null, finish_reason: mapOpenAIFinishReason(event.reason, false) }],
        usage: convertOpenAIChatUsage(event.usage),
      };
    }
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}
