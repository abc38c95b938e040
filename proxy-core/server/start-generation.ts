/**
 * Start a generation for one exchange (an HTTP request or a WebSocket turn) on the target the
 * request resolved to: the account pool's retries and rotation (execution/run-generation.ts),
 * every attempt and the running usage kept for the request log, the account that answers in
 * `X-Account-Email`. Resolves once the answer's first content is in hand.
 */
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import type { GenerationResult, GenerationRunner } from '../execution/run-generation.js';
import type { ResolvedTarget } from '../mapping/resolve-target.js';
import { applyImageConfig } from '../protocols/gemini/apply-image-config.js';
import type { AbortSignalLike } from '../util/light-abort-controller.js';
import type { RequestRecord } from './resolve-request-target.js';

export interface GenerationExchangeRecord extends RequestRecord {
  /** Aborted when the client goes away. */
  signal: AbortSignalLike;
}

export async function startGeneration(
  context: { runGeneration: GenerationRunner; now: () => number },
  exchange: GenerationExchangeRecord,
  input: { target: ResolvedTarget; request: GeminiGenerateContentRequest; sessionKey?: string },
): Promise<GenerationResult> {
  const { state } = exchange;
  const { target } = input;
  const result = await context.runGeneration({
    upstreamModel: target.model,
    request: applyImageConfig(input.request, target.imageConfig),
    ...(input.sessionKey === undefined ? {} : { sessionKey: input.sessionKey }),
    requestType: target.requestType,
    signal: exchange.signal,
    onAttempt(attempt) {
      state.attempts.push(attempt);
    },
    // Keep the last usage for the request log, as the events go by.
    onEvent(event) {
      if (event.type === 'usage' || event.type === 'finish') state.usage = event.usage;
    },
  });
  state.accountEmail = result.accountEmail;
  state.firstByteAt = context.now();
  exchange.setHeader('X-Account-Email', result.accountEmail);
  return result;
}
