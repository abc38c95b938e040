/**
 * Canonical generation events -> one `response` object
 * (https://platform.openai.com/docs/api-reference/responses/object), for clients that did not ask
 * to stream (the upstream is streamed anyway, PROTOCOLS.md). Built by the same state machine as
 * the stream. Failures propagate, so the route answers with the error's own status; a stream
 * that ends without a finish is a failure, not a short answer.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { createOpenAIResponsesOutput, type OpenAIResponsesOutputOptions, type OpenAIResponsesResult } from './create-openai-responses-output.js';

export async function collectOpenAIResponsesResponse(
  events: AsyncIterable<GenerationEvent>,
  options: OpenAIResponsesOutputOptions,
): Promise<OpenAIResponsesResult> {
  const output = createOpenAIResponsesOutput(options);
  output.start();
  for await (const event of events) {
    output.apply(event);
    if (output.result !== undefined) return output.result;
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}
