/**
 * OpenAI Images: `POST /v1/images/generations`, served by Gemini's image model. The model name
 * goes through the mapping like any other (`dall-e-*` and `gpt-image-*` map to the image model by
 * default), then loses its size and ratio suffixes (`gemini-3-pro-image-16x9-4k`).
 */
import { GatewayError } from '../../errors/gateway-error.js';
import { convertOpenAIImageRequestToGemini } from '../../protocols/openai/images/convert-openai-image-request-to-gemini.js';
import { encodeOpenAIImagesResponse } from '../../protocols/openai/images/encode-openai-images-response.js';
import { parseOpenAIImageRequest } from '../../protocols/openai/images/openai-image-request-schema.js';
import { resolveImageOptions } from '../../protocols/openai/images/resolve-image-options.js';
import type { AiRouteTable } from '../ai-route-table.js';
import type { GatewayContext } from '../gateway-context.js';
import { requestState } from '../request-state.js';
import { resolveRequestModel } from '../resolve-request-model.js';
import { runImageGenerations } from '../run-image-generations.js';
import { sendJson } from '../send-json.js';

/** The image model when the request names none (UPSTREAM-PROTOCOL.md §13: the one Antigravity offers). */
export const defaultImageModel = 'gemini-3-pro-image';

export function registerOpenAIImageRoutes(context: GatewayContext, aiRoutes: AiRouteTable): void {
  aiRoutes.post('/v1/images/generations', async ({ body: input, response }) => {
    const body = parseOpenAIImageRequest(input);
    const requested = body.model ?? defaultImageModel;
    const resolved = resolveRequestModel(context, response, requested);
    const options = resolveImageOptions(resolved.model, body);
    if (!options.model.includes('image')) {
      throw new GatewayError(
        'invalid_request',
        `The model "${requested}" maps to ${options.model}, which does not make images. Ask for ${defaultImageModel}, or map "${requested}" to it in proxy.custom_mapping.`,
        { param: 'model', code: 'model_not_found' },
      );
    }
    if (options.model !== resolved.model) {
      requestState(response).mappedModel = options.model;
      response.setHeader('X-Mapped-Model', options.model);
    }
    const { images, usages } = await runImageGenerations(context, response, {
      upstreamModel: options.model,
      request: convertOpenAIImageRequestToGemini(body, options),
      count: body.n ?? 1,
    });
    sendJson(
      response,
      200,
      encodeOpenAIImagesResponse(images, usages, { created: Math.floor(context.now() / 1000), responseFormat: body.response_format ?? 'b64_json' }),
    );
  });
}
