/**
 * OpenAI Images, served by Gemini's image model: `POST /v1/images/generations` (JSON) and
 * `POST /v1/images/edits` (a form with the images to edit). The model name goes through the
 * mapping like any other (`dall-e-*` and `gpt-image-*` map to the image model by default), whose
 * target has its size and ratio suffixes (`gemini-3-pro-image-16x9-4k`) already taken off.
 */
import type { ServerResponse } from 'node:http';
import type { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { convertOpenAIImageRequestToGemini, type ImageEditInput } from '../../protocols/openai/images/convert-openai-image-request-to-gemini.js';
import { encodeOpenAIImagesResponse } from '../../protocols/openai/images/encode-openai-images-response.js';
import { parseOpenAIImageEditForm } from '../../protocols/openai/images/parse-openai-image-edit-form.js';
import { parseOpenAIImageRequest, type OpenAIImageRequest } from '../../protocols/openai/images/openai-image-request-schema.js';
import { resolveImageOptions } from '../../protocols/openai/images/resolve-image-options.js';
import type { AiRouteTable } from '../ai-route-table.js';
import type { GatewayContext } from '../gateway-context.js';
import { httpRequestRecord } from '../http-request-record.js';
import { maxBodyBytes } from '../middleware/parse-json-body.js';
import { readMultipartForm } from '../read-multipart-form.js';
import { resolveRequestTarget } from '../resolve-request-target.js';
import type { RouteCatalog } from '../route-catalog.js';
import { runImageGenerations } from '../run-image-generations.js';
import { sendJson } from '../send-json.js';

/** The image model when the request names none (UPSTREAM-PROTOCOL.md §13: the one Antigravity offers). */
export const defaultImageModel = 'gemini-3-pro-image';

async function answerWithImages(context: GatewayContext, response: ServerResponse, body: OpenAIImageRequest, edit?: ImageEditInput): Promise<void> {
  const requested = body.model ?? defaultImageModel;
  // Images never search the web: no tools to report.
  const target = resolveRequestTarget(context, httpRequestRecord(response), requested, undefined);
  if (target.requestType !== 'image_gen') {
    throw new GatewayError(
      'invalid_request',
      `The model "${requested}" maps to ${target.model}, which does not make images. Ask for ${defaultImageModel}, or map "${requested}" to it in proxy.custom_mapping.`,
      { param: 'model', code: 'model_not_found' },
    );
  }
  const options = resolveImageOptions(target, body);
  const count = body.n ?? 1;
  const { images, usage, failed } = await runImageGenerations(context, response, {
    upstreamModel: options.model,
    request: convertOpenAIImageRequestToGemini(body, options, edit),
    count,
  });
  if (failed > 0) context.logger.warn(`images: ${failed} of ${count} upstream calls failed; answering with the ${images.length} image(s) made`);
  const created = Math.floor(context.now() / 1000);
  sendJson(response, 200, encodeOpenAIImagesResponse(images, usage, { created, responseFormat: body.response_format ?? 'b64_json' }));
}

export function registerOpenAIImageRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext, aiRoutes: AiRouteTable): void {
  aiRoutes.post('/v1/images/generations', async ({ body, response }) => {
    await answerWithImages(context, response, parseOpenAIImageRequest(body));
  });

  router.post('/v1/images/edits', async (request, response) => {
    const fields = await readMultipartForm(request, response, maxBodyBytes(context.settings().proxy));
    const { request: body, edit } = parseOpenAIImageEditForm(fields);
    await answerWithImages(context, response, body, edit);
  });
  catalog.add('POST', '/v1/images/edits');
}
