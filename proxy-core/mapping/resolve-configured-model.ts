/**
 * The mapping a model name gets from the settings and accounts in force. The request path
 * (server/resolve-request-target.ts), `GET /v1/models` and the console's "Try a model name"
 * (control previewMapping) all read it here, so the preview cannot tell a different story from
 * what a request does.
 */
import { resolveModel, type ResolvedModel } from './resolve-model.js';

/** Where the mapping's inputs live: the user's rules, and the accounts whose quota data lists the served models. */
export interface MappingSource {
  settings: () => { proxy: { custom_mapping: Readonly<Record<string, string>> } };
  accounts: () => readonly ModelListingAccount[];
}

/** An account as the mapping sees it: the model ids its quota data lists. */
export interface ModelListingAccount {
  quotas: Readonly<Record<string, unknown>>;
}

export function collectServedModelIds(accounts: readonly ModelListingAccount[]): Set<string> {
  const ids = new Set<string>();
  for (const account of accounts) for (const id of Object.keys(account.quotas)) ids.add(id);
  return ids;
}

// The account store hands out the same frozen list until something changes: the ids are
// gathered once per list, not once per request.
const idsByList = new WeakMap<readonly ModelListingAccount[], ReadonlySet<string>>();

function servedModelIds(accounts: readonly ModelListingAccount[]): ReadonlySet<string> {
  if (!Object.isFrozen(accounts)) return collectServedModelIds(accounts);
  let ids = idsByList.get(accounts);
  if (ids === undefined) {
    ids = collectServedModelIds(accounts);
    idsByList.set(accounts, ids);
  }
  return ids;
}

export function resolveConfiguredModel(requested: string, source: MappingSource): ResolvedModel {
  return resolveModel(requested, {
    customMapping: source.settings().proxy.custom_mapping,
    extraUpstreamModels: servedModelIds(source.accounts()),
  });
}
