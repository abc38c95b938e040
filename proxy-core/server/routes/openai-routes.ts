/** OpenAI-compatible routes: `/v1/chat/completions`, the model list and `/v1/models/detect`. */
import { randomHex } from '../../util/random-hex.js';
import type { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { deriveSessionKey } from '../../canonical/derive-session-key.js';
import { defaultModelMapping } from '../../mapping/default-model-mapping.js';
import { knownUpstreamModels } from '../../mapping/known-upstream-models.js';
import { collectOpenAIChatCompletion } from '../../protocols/openai/chat/collect-openai-chat-completion.js';
import { convertOpenAIChatToGemini } from '../../protocols/openai/chat/convert-openai-chat-to-gemini.js';
import { encodeOpenAIChatStream } from '../../protocols/openai/chat/encode-openai-chat-stream.js';
import { parseOpenAIChatRequest, type OpenAIChatRequest } from '../../protocols/openai/chat/openai-chat-request-schema.js';
import type { GatewayContext } from '../gateway-context.js';
import { collectAccountModelIds, announceMappedModel, resolveRequestModel } from '../resolve-request-model.js';
import { recordConversionWarnings } from '../record-conversion-warnings.js';
import type { RouteCatalog } from '../route-catalog.js';
import type { AiRouteTable } from '../ai-route-table.js';
import { sendJson } from '../send-json.js';
import { requestState } from '../request-state.js';
import { runForResponse } from '../run-for-response.js';
import { writeSseResponse } from '../write-sse-response.js';
import { describeModelRoute } from '../describe-model-route.js';
import { parseRequestBody } from '../../protocols/shared/parse-request-body.js';
import { showsSourcesAsText } from '../../protocols/shared/format-grounding-sources.js';
import { z } from 'zod';

const detectModelRequestSchema = z.looseObject({ model: z.string().trim().min(1, 'model must name a model') });

/** Models a client can ask for: rule names, default names, and the upstream ids themselves. */
export function listModelIds(context: GatewayContext): string[] {
  const ids = new Set<string>([...knownUpstreamModels, ...collectAccountModelIds(context)]);
  for (const name of [...Object.keys(context.settings().proxy.custom_mapping), ...Object.keys(defaultModelMapping)]) {
    if (!name.includes('*')) ids.add(name);
  }
  return [...ids].sort();
}

function textOf(content: OpenAIChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function deriveOpenAIChatSessionKey(request: OpenAIChatRequest): string {
  const system = request.messages.filter((message) => message.role === 'system' || message.role === 'developer');
  const firstUser = request.messages.find((message) => message.role === 'user');
  return deriveSessionKey({
    explicit: request.prompt_cache_key ?? request.user ?? undefined,
    system: system.map((message) => textOf(message.content)).join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.content),
  });
}

export function registerOpenAIRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext, aiRoutes: AiRouteTable): void {
  const created = Math.floor(context.now() / 1000);
  const modelObject = (id: string) => ({ id, object: 'model', created, owned_by: 'skyport' });

  router.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: listModelIds(context).map(modelObject) });
  });
  catalog.add('GET', '/v1/models');

  router.get('/v1/models/:model', (request, response) => {
    const id = String(request.params.model);
    if (!listModelIds(context).includes(id)) {
      throw new GatewayError('not_found', `The model "${id}" is not in Skyport's list; see GET /v1/models.`, { code: 'model_not_found', param: 'model' });
    }
    response.json(modelObject(id));
  });
  catalog.add('GET', '/v1/models/:model');

  // What a request with this model name would call, and how (describe-model-route.ts).
  aiRoutes.post('/v1/models/detect', async ({ body, response }) => {
    const { model } = parseRequestBody(detectModelRequestSchema, body);
    const description = describeModelRoute(resolveRequestModel(context, response, model));
    announceMappedModel(response, description.mapped_model);
    sendJson(response, 200, description);
  });

  aiRoutes.post('/v1/chat/completions', async ({ body: input, response }) => {
    const body = parseOpenAIChatRequest(input);
    const resolved = resolveRequestModel(context, response, body.model);
    requestState(response).stream = body.stream === true;
    const converted = convertOpenAIChatToGemini(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'chat.completions', converted.warnings);
    const { result, abort } = await runForResponse(context, response, {
      upstreamModel: converted.upstreamModel,
      request: converted.request,
      sessionKey: deriveOpenAIChatSessionKey(body),
    });
    const options = {
      id: `chatcmpl-${randomHex(16)}`,
      model: body.model,
      created: Math.floor(context.now() / 1000),
      toolNames: converted.toolNames,
      sourcesAsText: showsSourcesAsText(converted.request),
    };
    if (body.stream === true) {
      const frames = encodeOpenAIChatStream(result.events, { ...options, includeUsage: body.stream_options?.include_usage === true });
      await writeSseResponse(response, frames, { abort });
      return;
    }
    sendJson(response, 200, await collectOpenAIChatCompletion(result.events, options));
  });
}
