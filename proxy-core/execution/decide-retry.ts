/** What to do after a failed attempt, from the GatewayError the upstream layer produced. */
import type { GatewayError } from '../errors/gateway-error.js';

export type RetryDecision = 'rotate' | 'refresh_token' | 'strip_signatures' | 'fail';

export function decideRetry(error: GatewayError, state: { strippedSignatures: boolean }): RetryDecision {
  const upstream = error.upstream;
  // Failures with no upstream status: a revoked refresh token, a token endpoint that is down, a
  // stall before the first byte. They concern this account or this moment, not the request.
  if (upstream === undefined) {
    return error.kind === 'authentication' || error.kind === 'timeout' || error.kind === 'upstream' ? 'rotate' : 'fail';
  }
  if (upstream.signatureError === true) return state.strippedSignatures ? 'fail' : 'strip_signatures';
  if (upstream.status === 401) return 'refresh_token';
  if (upstream.status === 0 || upstream.status === 200 || upstream.status === 403 || upstream.status === 408) return 'rotate';
  if (upstream.status === 429 || upstream.status >= 500) return 'rotate';
  return 'fail';
}
