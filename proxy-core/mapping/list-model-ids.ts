/**
 * The model names a client can ask for, as `GET /v1/models` and `GET /v1beta/models` list them:
 * the user's rule names and the built-in ones (wildcards left out), and the upstream ids
 * themselves (the known ones and whatever the accounts list).
 */
import { defaultModelMapping } from './default-model-mapping.js';
import { knownUpstreamModels } from './known-upstream-models.js';
import { collectServedModelIds, type MappingSource } from './resolve-configured-model.js';

export function listModelIds(source: MappingSource): string[] {
  const ids = new Set<string>([...knownUpstreamModels, ...collectServedModelIds(source.accounts())]);
  for (const name of [...Object.keys(source.settings().proxy.custom_mapping), ...Object.keys(defaultModelMapping)]) {
    if (!name.includes('*')) ids.add(name);
  }
  return [...ids].sort();
}
