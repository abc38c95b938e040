/** Map the client's model name and announce the result in `X-Mapped-Model` and the request log. */
import type { ServerResponse } from 'node:http';
import type { Account } from '../accounts/account-schema.js';
import type { Settings } from '../config/settings-schema.js';
import { checkKeyModel } from '../keys/check-key-model.js';
import { resolveModel, type ResolvedModel } from '../mapping/resolve-model.js';
import type { GatewayContext } from './gateway-context.js';
import { requestState } from './request-state.js';
import { warnFamilyFallback } from './warn-family-fallback.js';

export function collectAccountModelIds(context: GatewayContext): Set<string> {
  return collectModelIds(context.accounts());
}

function collectModelIds(accounts: readonly Account[]): Set<string> {
  const ids = new Set<string>();
  for (const account of accounts) for (const id of Object.keys(account.quotas)) ids.add(id);
  return ids;
}

// The account store hands out the same frozen list until something changes: the ids are
// gathered once per list, not once per request.
const idsByList = new WeakMap<readonly Account[], ReadonlySet<string>>();

function accountModelIds(accounts: readonly Account[]): ReadonlySet<string> {
  if (!Object.isFrozen(accounts)) return collectModelIds(accounts);
  let ids = idsByList.get(accounts);
  if (ids === undefined) {
    ids = collectModelIds(accounts);
    idsByList.set(accounts, ids);
  }
  return ids;
}

/**
 * The mapping a request with this model name gets, from the settings and accounts in force. The
 * request path and the console's "Try a model name" (control previewMapping) both call this, so
 * the preview cannot tell a different story from what a request does.
 */
export function resolveConfiguredModel(requested: string, source: { settings: () => Pick<Settings, 'proxy'>; accounts: () => readonly Account[] }): ResolvedModel {
  return resolveModel(requested, {
    customMapping: source.settings().proxy.custom_mapping,
    extraUpstreamModels: accountModelIds(source.accounts()),
  });
}

/**
 * `X-Mapping-Rule` names the kind of rule that chose the model (`family` when no rule knew the
 * name), beside `X-Mapped-Model`; the request log keeps it too.
 */
export function resolveRequestModel(context: GatewayContext, response: ServerResponse, requested: string): ResolvedModel {
  const state = requestState(response);
  state.model = requested;
  // A named key's allow-list is about the names its holder asks for, whatever they map to.
  const notAllowed = checkKeyModel(state.clientKey, requested);
  if (notAllowed !== undefined) throw notAllowed;
  const resolved = resolveConfiguredModel(requested, context);
  state.mappingRule = resolved.rule.kind;
  response.setHeader('X-Mapping-Rule', resolved.rule.kind);
  announceMappedModel(response, resolved.model);
  warnFamilyFallback(context.logger, resolved);
  return resolved;
}

/**
 * The upstream model a request calls, in `X-Mapped-Model` and the request log; said again when
 * it is not the mapping's (image suffixes removed, a search moved to a Gemini model).
 */
export function announceMappedModel(response: ServerResponse, model: string): void {
  const state = requestState(response);
  if (state.mappedModel === model) return;
  state.mappedModel = model;
  response.setHeader('X-Mapped-Model', model);
}
