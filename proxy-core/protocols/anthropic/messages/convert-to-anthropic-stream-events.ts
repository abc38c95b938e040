/**
 * Canonical generation events -> Anthropic stream events
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types), the one state
 * machine behind both the SSE encoder and the non-streaming collector:
 * `message_start` (sent with the first content, so its usage already has the prompt count),
 * then one content block per thinking run, text run and tool call, each opened with
 * `content_block_start`, filled with deltas and closed with `content_block_stop`; a thinking block
 * gets its upstream signature as `signature_delta` before it closes; then `message_delta` with
 * the stop reason and the usage, and `message_stop`.
 *
 * A signature that arrives with no thinking block open (Gemini signs some text parts) is not
 * shown: the gateway has remembered it, and Gemini needs back only its function-call signatures,
 * which the request converter re-attaches. Failures propagate as the thrown GatewayError; a
 * stream that ends without a finish throws too, so a cut answer never looks complete.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { emptyUsage, type GenerationEvent, type TokenUsage } from '../../../canonical/generation-event.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import type { AnthropicContentDelta, AnthropicResponseContentBlock, AnthropicStreamEvent } from './anthropic-messages-response-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { cutAtStopSequences } from './cut-at-stop-sequences.js';
import { hoistReadyUsage } from './hoist-ready-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

export interface AnthropicStreamOptions {
  /** `msg_...`, the message id. */
  id: string;
  /** The model name the client asked for. */
  model: string;
  /** Upstream function name -> client tool name (from the request conversion). */
  toolNames: ReadonlyMap<string, string>;
  /** The request's `stop_sequences`, enforced on the text. */
  stopSequences?: readonly string[];
  /** Google Search's sources as text after the answer (shared/format-grounding-sources.ts: not for a JSON-only answer). */
  sourcesAsText: boolean;
}

export async function* convertToAnthropicStreamEvents(
  events: AsyncIterable<GenerationEvent>,
  options: AnthropicStreamOptions,
): AsyncGenerator<AnthropicStreamEvent> {
  let usage: TokenUsage = emptyUsage;
  let started = false;
  let index = -1;
  let open: AnthropicResponseContentBlock['type'] | undefined;
  let toolUseCount = 0;

  function* start(): Generator<AnthropicStreamEvent> {
    if (started) return;
    started = true;
    yield {
      type: 'message_start',
      message: {
        id: options.id,
        type: 'message',
        role: 'assistant',
        model: options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: convertAnthropicUsage(usage),
      },
    };
  }
  function* close(): Generator<AnthropicStreamEvent> {
    if (open === undefined) return;
    open = undefined;
    yield { type: 'content_block_stop', index };
  }
  function* openBlock(block: AnthropicResponseContentBlock): Generator<AnthropicStreamEvent> {
    yield* start();
    yield* close();
    index += 1;
    open = block.type;
    yield { type: 'content_block_start', index, content_block: block };
  }
  const delta = (value: AnthropicContentDelta): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: value });

  function* text(value: string): Generator<AnthropicStreamEvent> {
    if (open !== 'text') yield* openBlock({ type: 'text', text: '' });
    yield delta({ type: 'text_delta', text: value });
  }

  for await (const event of cutAtStopSequences(hoistReadyUsage(events), options.stopSequences ?? [], options)) {
    switch (event.type) {
      case 'usage':
        usage = event.usage;
        break;
      case 'reasoning-delta':
        if (event.text === '') break;
        if (open !== 'thinking') yield* openBlock({ type: 'thinking', thinking: '', signature: '' });
        yield delta({ type: 'thinking_delta', thinking: event.text });
        break;
      case 'reasoning-signature':
        if (open !== 'thinking') break;
        yield delta({ type: 'signature_delta', signature: event.signature });
        yield* close();
        break;
      case 'text-delta':
        if (event.text !== '') yield* text(event.text);
        break;
      case 'inline-data':
        // Anthropic answers have no image blocks: a generated image arrives as a markdown data URL.
        yield* text(formatInlineImage(event.mimeType, event.data));
        break;
      case 'grounding': {
        // No citation blocks either (they would need the search results Claude's own tool returns).
        const sources = options.sourcesAsText ? formatGroundingSources(event.sources) : '';
        if (sources !== '') yield* text(sources);
        break;
      }
      case 'tool-call':
        yield* openBlock({ type: 'tool_use', id: event.id, name: options.toolNames.get(event.name) ?? event.name, input: {} });
        yield delta({ type: 'input_json_delta', partial_json: JSON.stringify(event.arguments) });
        yield* close();
        toolUseCount += 1;
        break;
      case 'finish': {
        usage = event.usage;
        yield* start();
        yield* close();
        const stopSequence = 'stopSequence' in event ? event.stopSequence : undefined;
        yield {
          type: 'message_delta',
          delta: { stop_reason: mapAnthropicStopReason(event.reason, { hasToolUse: toolUseCount > 0, stopSequence }), stop_sequence: stopSequence ?? null },
          usage: convertAnthropicUsage(usage),
        };
        yield { type: 'message_stop' };
        return;
      }
      case 'start':
        break;
    }
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}
