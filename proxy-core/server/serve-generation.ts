/**
 * The gateway's one request pipeline: any endpoint adapter (protocols/endpoint-adapter.ts) run
 * through the same steps, for an HTTP request (generation-routes.ts) and a Responses WebSocket
 * turn (responses-websocket/) alike:
 *   parse -> [an answer made here] -> the model decided once (resolve-request-target.ts)
 *   -> convert (warnings to the request log) -> count tokens, or generate on the account pool
 *   -> the answer: the endpoint's stream items, or its events collected into one body.
 * The caller writes the answer out (SSE, JSON, WebSocket messages); errors are thrown as they
 * come, for the caller to render in the endpoint's shape.
 */
import { emptyUsage } from '../canonical/generation-event.js';
import type { CountTokensRunner } from '../execution/run-count-tokens.js';
import type { GenerationRunner } from '../execution/run-generation.js';
import type { Logger } from '../logging/logger.js';
import type { MappingSource } from '../mapping/resolve-configured-model.js';
import type {
  AdapterInput,
  AnswerIds,
  ConvertedRequest,
  CountTokensAdapter,
  GenerationAdapter,
  HttpStream,
} from '../protocols/endpoint-adapter.js';
import { foldRequestForTokenCount } from '../protocols/shared/fold-request-for-token-count.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { SignatureCache } from '../signatures/signature-cache.js';
import { recordConversionWarnings } from './record-conversion-warnings.js';
import { announceMappedModel, resolveRequestTarget } from './resolve-request-target.js';
import { startGeneration, type GenerationExchangeRecord } from './start-generation.js';

/** What the pipeline needs of the running gateway. */
export interface PipelineContext extends MappingSource {
  runGeneration: GenerationRunner;
  countTokens: CountTokensRunner;
  signatures: SignatureCache;
  logger: Logger;
  now: () => number;
}

/** One request as the pipeline sees it: its input, its record, its response headers, its abort. */
export interface GenerationExchange extends AdapterInput, GenerationExchangeRecord {}

export type GenerationAnswer<Frame> =
  | { type: 'json'; body: unknown }
  /** `frames` for a WebSocket, `http` for an HTTP body: the same stream either way, read once. */
  | { type: 'stream'; frames: AsyncIterable<Frame>; http: HttpStream };

export function serveGeneration<Parsed, Converted extends ConvertedRequest, Options, Frame>(
  context: PipelineContext,
  adapter: GenerationAdapter<Parsed, Converted, Options, Frame> | CountTokensAdapter<Parsed, Converted>,
  exchange: GenerationExchange,
): Promise<GenerationAnswer<Frame>> {
  return adapter.kind === 'count_tokens' ? countTokens(context, adapter, exchange) : generate(context, adapter, exchange);
}

async function countTokens<Parsed, Converted extends ConvertedRequest>(
  context: PipelineContext,
  adapter: CountTokensAdapter<Parsed, Converted>,
  exchange: GenerationExchange,
): Promise<GenerationAnswer<never>> {
  const parsed = adapter.parse(exchange);
  const target = resolveRequestTarget(context, exchange, adapter.model(parsed), adapter.tools(parsed));
  const converted = adapter.convert(parsed, target, context.signatures);
  recordConversionWarnings(context.logger, exchange.state, adapter.name, converted.warnings);
  const tokens = await context.countTokens(target.model, foldRequestForTokenCount(converted.request), exchange.signal);
  return { type: 'json', body: adapter.answer(tokens) };
}

async function generate<Parsed, Converted extends ConvertedRequest, Options, Frame>(
  context: PipelineContext,
  adapter: GenerationAdapter<Parsed, Converted, Options, Frame>,
  exchange: GenerationExchange,
): Promise<GenerationAnswer<Frame>> {
  const { state } = exchange;
  const parsed = adapter.parse(exchange);
  const stream = adapter.stream(parsed);
  state.stream = stream;
  const sessionKey = adapter.sessionKey(parsed);
  const ids = (): AnswerIds => ({ id: adapter.createId(), created: Math.floor(context.now() / 1000), sessionKey });

  const local = adapter.answerLocally?.(parsed, ids);
  if (local !== undefined) {
    // No account, no upstream call, no quota: the request log shows what answered instead.
    state.model = adapter.model(parsed);
    announceMappedModel(exchange, local.mappedModel);
    state.usage = emptyUsage;
    state.firstByteAt = context.now();
    return answer(adapter, parsed, stream, local.events, local.options);
  }

  const target = resolveRequestTarget(context, exchange, adapter.model(parsed), adapter.tools(parsed));
  const converted = adapter.convert(parsed, target, context.signatures);
  recordConversionWarnings(context.logger, state, adapter.name, converted.warnings);
  const result = await startGeneration(context, exchange, { target, request: converted.request, sessionKey });
  return answer(adapter, parsed, stream, result.events, adapter.answerOptions(parsed, converted, target, ids()));
}

async function answer<Parsed, Converted extends ConvertedRequest, Options, Frame>(
  adapter: GenerationAdapter<Parsed, Converted, Options, Frame>,
  parsed: Parsed,
  stream: boolean,
  events: AsyncIterable<GenerationEvent>,
  options: Options,
): Promise<GenerationAnswer<Frame>> {
  if (!stream) return { type: 'json', body: await adapter.collect(events, options) };
  const frames = adapter.encodeStream(events, options);
  return { type: 'stream', frames, http: adapter.httpStream(parsed, frames) };
}
