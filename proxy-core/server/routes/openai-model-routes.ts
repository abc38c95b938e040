/** OpenAI-compatible model routes: the model list, one model, and `/v1/models/detect` (what a model name calls). */
import type { Router } from 'express';
import { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { describeModelRoute } from '../../mapping/describe-model-route.js';
import { listModelIds } from '../../mapping/list-model-ids.js';
import { noTools } from '../../mapping/resolve-target.js';
import { parseRequestBody } from '../../protocols/shared/parse-request-body.js';
import type { AiRouteTable } from '../ai-route-table.js';
import { httpRequestRecord } from '../http-request-record.js';
import { resolveRequestTarget } from '../resolve-request-target.js';
import type { RouteCatalog } from '../route-catalog.js';
import { sendJson } from '../send-json.js';
import type { PipelineContext } from '../serve-generation.js';

const detectModelRequestSchema = z.looseObject({ model: z.string().trim().min(1, 'model must name a model') });

export function registerOpenAIModelRoutes(router: Router, catalog: RouteCatalog, context: PipelineContext, aiRoutes: AiRouteTable): void {
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

  // What a request with this model name (and no tools) would call, and how: the same target a request gets.
  aiRoutes.post('/v1/models/detect', async ({ body, response }) => {
    const { model } = parseRequestBody(detectModelRequestSchema, body);
    sendJson(response, 200, describeModelRoute(resolveRequestTarget(context, httpRequestRecord(response), model, noTools)));
  });
}
