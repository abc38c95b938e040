/**
 * `count` image generations for one HTTP exchange, at once, each with the pool's own retries and
 * rotation. All calls stop when the client goes away. Some may fail and the rest still answer (a
 * request for four images that gets three is worth more than an error); when every call fails,
 * the first failure is the answer. The request log gets every attempt and the summed usage.
 */
import type { ServerResponse } from 'node:http';
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import type { TokenUsage } from '../canonical/generation-event.js';
import { collectGeneratedImage, type GeneratedImage } from '../protocols/openai/images/collect-generated-image.js';
import { LightAbortController } from '../util/light-abort-controller.js';
import type { GatewayContext } from './gateway-context.js';
import { requestState } from './request-state.js';

export interface ImageGenerationsResult {
  images: GeneratedImage[];
  /** The calls' usage, added up. */
  usage: TokenUsage;
  /** Calls that failed while others answered. */
  failed: number;
}

function sumUsage(usages: readonly TokenUsage[]): TokenUsage {
  const total = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 0 };
  for (const usage of usages) {
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
    total.cachedInputTokens += usage.cachedInputTokens;
    total.reasoningTokens += usage.reasoningTokens;
    total.totalTokens += usage.totalTokens;
  }
  return total;
}

export async function runImageGenerations(
  context: GatewayContext,
  response: ServerResponse,
  input: { upstreamModel: string; request: GeminiGenerateContentRequest; count: number },
): Promise<ImageGenerationsResult> {
  const abort = new LightAbortController();
  const onClose = () => {
    if (!response.writableFinished) abort.abort();
  };
  response.on('close', onClose);
  const state = requestState(response);
  const emails: string[] = [];
  const one = async () => {
    const result = await context.runGeneration({
      upstreamModel: input.upstreamModel,
      request: input.request,
      requestType: 'image_gen',
      signal: abort.signal,
      onAttempt(attempt) {
        state.attempts.push(attempt);
      },
    });
    const collected = await collectGeneratedImage(result.events);
    if (!emails.includes(result.accountEmail)) emails.push(result.accountEmail);
    return collected;
  };
  const settled = await Promise.allSettled(Array.from({ length: input.count }, one));
  response.off('close', onClose);

  const images: GeneratedImage[] = [];
  const usages: TokenUsage[] = [];
  let firstFailure: unknown;
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') {
      images.push(...outcome.value.images);
      usages.push(outcome.value.usage);
    } else {
      firstFailure ??= outcome.reason;
    }
  }
  if (usages.length === 0) throw firstFailure;
  const usage = sumUsage(usages);
  state.usage = usage;
  state.accountEmail = emails[0];
  state.firstByteAt = context.now();
  response.setHeader('X-Account-Email', emails.join(', '));
  return { images, usage, failed: input.count - usages.length };
}
