/**
 * Gemini API routes (https://ai.google.dev/api), for `@google/genai` with `httpOptions.baseUrl`
 * and other Gemini-native clients: the model list and one model, and
 * `models/{model}:generateContent`, `:streamGenerateContent` (`?alt=sse` for events, otherwise a
 * streamed JSON array) and `:countTokens`. The key comes as `x-goog-api-key` (the auth
 * middleware refuses `?key=`); errors are Google-shaped because the paths are under /v1beta.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { deriveSessionKey } from '../../canonical/derive-session-key.js';
import { collectGeminiNativeResponse } from '../../protocols/gemini/native/collect-gemini-native-response.js';
import { convertGeminiNativeRequest } from '../../protocols/gemini/native/convert-gemini-native-request.js';
import { encodeGeminiNativeStream } from '../../protocols/gemini/native/encode-gemini-native-stream.js';
import { frameGeminiNativeStream } from '../../protocols/gemini/native/frame-gemini-native-stream.js';
import {
  parseGeminiNativeCountTokensRequest,
  parseGeminiNativeGenerateRequest,
  type GeminiNativeGenerateRequest,
} from '../../protocols/gemini/native/gemini-native-request-schema.js';
import { foldRequestForTokenCount } from '../../protocols/shared/fold-request-for-token-count.js';
import { resolveModelFamily } from '../../signatures/model-family.js';
import type { GatewayContext } from '../gateway-context.js';
import { announceMappedModel, resolveRequestModel } from '../resolve-request-model.js';
import { recordConversionWarnings } from '../record-conversion-warnings.js';
import type { RouteCatalog } from '../route-catalog.js';
import type { AiExchange, AiRouteTable } from '../ai-route-table.js';
import { sendJson } from '../send-json.js';
import { runForResponse } from '../run-for-response.js';
import { writeSseResponse } from '../write-sse-response.js';
import { listModelIds } from './openai-routes.js';

const methods = ['generateContent', 'streamGenerateContent', 'countTokens'] as const;
type Method = (typeof methods)[number];

/** Context and output limits by family, as the upstream's model list reports them. */
function describeModel(id: string) {
  const family = resolveModelFamily(id);
  const [inputTokenLimit, outputTokenLimit] = family === 'gemini' ? [1_048_576, 65_536] : family === 'claude' ? [200_000, 64_000] : [131_072, 32_768];
  return {
    name: `models/${id}`,
    baseModelId: id,
    version: id,
    displayName: id,
    description: `${id}, served by Skyport through Google Cloud Code`,
    inputTokenLimit,
    outputTokenLimit,
    supportedGenerationMethods: [...methods],
    thinking: family !== 'other',
  };
}

/** `gemini-3-flash:streamGenerateContent` -> model and method (model ids hold no colon). */
export function splitModelAndMethod(segment: string): { model: string; method: Method } {
  const colon = segment.lastIndexOf(':');
  if (colon <= 0) {
    throw new GatewayError('invalid_request', `The path models/${segment} names no method; use models/{model}:generateContent, :streamGenerateContent or :countTokens.`);
  }
  const model = segment.slice(0, colon);
  const method = segment.slice(colon + 1);
  if (!(methods as readonly string[]).includes(method)) {
    throw new GatewayError('not_found', `Method '${method}' is not supported on models/${model}; supported: ${methods.join(', ')}.`);
  }
  return { model, method: method as Method };
}

export function registerGeminiRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext, aiRoutes: AiRouteTable): void {
  router.get('/v1beta/models', (_request, response) => {
    response.json({ models: listModelIds(context).map(describeModel) });
  });
  catalog.add('GET', '/v1beta/models');

  router.get('/v1beta/models/:model', (request, response) => {
    const id = String(request.params.model);
    if (!listModelIds(context).includes(id)) {
      throw new GatewayError('not_found', `models/${id} is not found; see GET /v1beta/models.`);
    }
    response.json(describeModel(id));
  });
  catalog.add('GET', '/v1beta/models/:model');

  async function generate({ body: input, response, params, searchParams }: AiExchange): Promise<void> {
    const { model, method } = splitModelAndMethod(String(params.modelAndMethod));
    if (method === 'countTokens') return countTokens(input, response, model);
    const body = parseGeminiNativeGenerateRequest(input);
    const resolved = resolveRequestModel(context, response, model);
    const converted = convertGeminiNativeRequest(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, `gemini ${method}`, converted.warnings);
    const { result, abort } = await runForResponse(context, response, {
      upstreamModel: converted.upstreamModel,
      request: converted.request,
      sessionKey: deriveGeminiNativeSessionKey(body),
    });
    const chunks = encodeGeminiNativeStream(result.events, {
      includeThoughts: converted.includeThoughts,
      modelVersion: converted.upstreamModel,
      responseId: randomBytes(17).toString('base64url').slice(0, 23),
    });
    if (method === 'streamGenerateContent') {
      const sse = searchParams.get('alt') === 'sse';
      const frames = frameGeminiNativeStream(chunks, { sse });
      // Without alt=sse the body is one JSON array: the heartbeat must be whitespace JSON allows.
      await writeSseResponse(response, frames, sse ? { abort } : { abort, contentType: 'application/json; charset=utf-8', heartbeatFrame: '\n' });
      return;
    }
    sendJson(response, 200, await collectGeminiNativeResponse(chunks));
  }
  aiRoutes.post(
    '/v1beta/models/:modelAndMethod',
    generate,
    methods.map((method) => `/v1beta/models/:model:${method}`),
  );

  async function countTokens(input: unknown, response: ServerResponse, model: string): Promise<void> {
    const body = parseGeminiNativeCountTokensRequest(input);
    const resolved = resolveRequestModel(context, response, model);
    const converted = convertGeminiNativeRequest(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'gemini countTokens', converted.warnings);
    announceMappedModel(response, converted.upstreamModel);
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    const totalTokens = await context.countTokens(converted.upstreamModel, foldRequestForTokenCount(converted.request), abort.signal);
    sendJson(response, 200, { totalTokens });
  }
}

function deriveGeminiNativeSessionKey(body: GeminiNativeGenerateRequest): string {
  const textOf = (parts: Array<{ text?: string | undefined; thought?: boolean | undefined }>) =>
    parts.flatMap((part) => (part.text !== undefined && part.thought !== true ? [part.text] : [])).join('\n');
  const system = body.systemInstruction;
  const firstUser = body.contents.find((content) => content.role !== 'model');
  return deriveSessionKey({
    system: system === undefined ? '' : typeof system === 'string' ? system : textOf(system.parts),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.parts),
  });
}
