/**
 * Run a generation for one HTTP exchange: abort on client disconnect, account header on success,
 * an image model's size and ratio suffixes turned into its imageConfig, and `X-Mapped-Model` and
 * the request log corrected when the model called is not the one the mapping gave.
 */
import type { ServerResponse } from 'node:http';
import type { GenerationRequest, GenerationResult } from '../execution/run-generation.js';
import type { GatewayContext } from './gateway-context.js';
import { applyImageModelSuffixes } from '../protocols/gemini/apply-image-model-suffixes.js';
import { requestState } from './request-state.js';
import { announceMappedModel } from './resolve-request-model.js';
import { LightAbortController } from '../util/light-abort-controller.js';
import { isImageModel } from '../mapping/is-image-model.js';

export async function runForResponse(
  context: GatewayContext,
  response: ServerResponse,
  input: Omit<GenerationRequest, 'signal'>,
): Promise<{ result: GenerationResult; abort: LightAbortController }> {
  const abort = new LightAbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  const state = requestState(response);
  // `gemini-3-pro-image-16x9` in any protocol: the model without its suffixes, asked for that shape.
  const target = applyImageModelSuffixes(input.upstreamModel, input.request);
  announceMappedModel(response, target.model);
  const result = await context.runGeneration({
    ...input,
    upstreamModel: target.model,
    request: target.request,
    // An image model is called as one in every protocol, as Antigravity does.
    requestType: input.requestType ?? (isImageModel(target.model) ? 'image_gen' : undefined),
    signal: abort.signal,
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
  response.setHeader('X-Account-Email', result.accountEmail);
  return { result, abort };
}
