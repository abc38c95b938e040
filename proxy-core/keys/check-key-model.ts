/** A named key's model allow-list, checked against the model name the client sent (before mapping). */
import { GatewayError } from '../errors/gateway-error.js';
import { matchWildcard } from '../mapping/match-wildcard.js';

export interface ClientKey {
  /** `default` for the main key, `none` when no key was checked, else the named key's name. */
  name: string;
  /** Empty = every model. */
  models: readonly string[];
}

export function checkKeyModel(key: ClientKey | undefined, model: string): GatewayError | undefined {
  if (key === undefined || key.models.length === 0) return undefined;
  if (key.models.some((pattern) => matchWildcard(pattern, model))) return undefined;
  return new GatewayError('permission', `API key "${key.name}" may not use model "${model}": its model allow-list is ${key.models.join(', ')}.`, {
    code: 'model_not_allowed',
    param: 'model',
  });
}
