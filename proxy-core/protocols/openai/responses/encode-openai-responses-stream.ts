/**
 * Canonical generation events -> the Responses event stream
 * (https://platform.openai.com/docs/api-reference/responses-streaming): `response.created`,
 * `response.in_progress`, the items' events, then `response.completed` or `response.incomplete`,
 * each with an increasing `sequence_number` (create-openai-responses-output.ts builds them).
 * A failure, or an upstream stream that ends without a finish, ends the stream with
 * `response.failed`: a cut answer never looks complete.
 */
import { GatewayError, toGatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { createOpenAIResponsesOutput, type OpenAIResponsesOutputOptions, type OpenAIResponsesResult } from './create-openai-responses-output.js';
import type { OpenAIResponsesSequencedEvent, OpenAIResponsesStreamEvent } from './openai-responses-response-types.js';

export interface EncodeOpenAIResponsesStreamOptions extends OpenAIResponsesOutputOptions {
  /** Called once the answer is complete (not on failure), before the last event is sent. */
  onResult?: (result: OpenAIResponsesResult) => void;
}

export async function* encodeOpenAIResponsesStream(
  events: AsyncIterable<GenerationEvent>,
  options: EncodeOpenAIResponsesStreamOptions,
): AsyncGenerator<OpenAIResponsesSequencedEvent> {
  const output = createOpenAIResponsesOutput(options);
  let sequenceNumber = 0;
  const sequence = (list: OpenAIResponsesStreamEvent[]): OpenAIResponsesSequencedEvent[] =>
    list.map((event) => {
      // `type` first, then `sequence_number`, as OpenAI orders them.
      const { type, ...rest } = event;
      return { type, sequence_number: sequenceNumber++, ...rest } as OpenAIResponsesSequencedEvent;
    });

  yield* sequence(output.start());
  try {
    for await (const event of events) {
      const emitted = output.apply(event);
      if (output.result !== undefined) options.onResult?.(output.result);
      yield* sequence(emitted);
      if (output.result !== undefined) return;
    }
  } catch (error) {
    yield* sequence(output.fail(toGatewayError(error)));
    return;
  }
  yield* sequence(output.fail(new GatewayError('upstream', 'The upstream stream ended before the answer was complete.')));
}

/** One SSE frame: the event name on its own line, as OpenAI sends it. */
export function formatOpenAIResponsesFrame(event: OpenAIResponsesSequencedEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
