/**
 * A main key the user picks (console, `config set proxy.api_key`, setApiKey) must be at least 16
 * characters: the schema's 8 is kept for keys saved before this rule, so an old config still loads.
 */
import { GatewayError } from '../errors/gateway-error.js';

export const minChosenApiKeyLength = 16;

export function refuseShortApiKey(previous: string, next: string): void {
  if (next === previous || next.trim().length >= minChosenApiKeyLength) return;
  throw new GatewayError('invalid_request', `proxy.api_key must be at least ${minChosenApiKeyLength} characters.`, { param: 'proxy.api_key', code: 'api_key_too_short' });
}
