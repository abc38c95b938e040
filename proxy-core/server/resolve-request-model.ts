/** Map the client's model name and announce the result in `X-Mapped-Model` and the request log. */
import type { Response } from 'express';
import { resolveModel, type ResolvedModel } from '../mapping/resolve-model.js';
import type { GatewayContext } from './gateway-context.js';
import { requestState } from './request-state.js';

export function collectAccountModelIds(context: GatewayContext): Set<string> {
  const ids = new Set<string>();
  for (const account of context.accounts()) for (const id of Object.keys(account.quotas)) ids.add(id);
  return ids;
}

export function resolveRequestModel(context: GatewayContext, response: Response, requested: string): ResolvedModel {
  const resolved = resolveModel(requested, {
    customMapping: context.settings().proxy.custom_mapping,
    extraUpstreamModels: collectAccountModelIds(context),
  });
  const state = requestState(response);
  state.model = requested;
  state.mappedModel = resolved.model;
  response.setHeader('X-Mapped-Model', resolved.model);
  return resolved;
}
