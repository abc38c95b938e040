/**
 * The Gemini API's model routes (https://ai.google.dev/api/models): the model list and one
 * model, for `@google/genai` with `httpOptions.baseUrl`. Errors are Google-shaped because the
 * paths are under /v1beta. Generation is in generation-routes.ts.
 */
import type { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { listModelIds } from '../../mapping/list-model-ids.js';
import type { MappingSource } from '../../mapping/resolve-configured-model.js';
import { geminiNativeMethods } from '../../protocols/gemini/native/split-model-and-method.js';
import { resolveModelFamily } from '../../signatures/model-family.js';
import type { RouteCatalog } from '../route-catalog.js';

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
    supportedGenerationMethods: [...geminiNativeMethods],
    thinking: family !== 'other',
  };
}

export function registerGeminiModelRoutes(router: Router, catalog: RouteCatalog, context: MappingSource): void {
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
}
