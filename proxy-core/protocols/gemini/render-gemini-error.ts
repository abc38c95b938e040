/**
 * GatewayError -> Google API error body (google.rpc.Status as JSON, https://ai.google.dev/api/rest):
 * `{error:{code, message, status}}`.
 */
import type { GatewayError, GatewayErrorKind } from '../../errors/gateway-error.js';

const statusByKind: Record<GatewayErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  payload_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  overloaded: 'UNAVAILABLE',
  upstream: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  no_account: 'UNAVAILABLE',
  internal: 'INTERNAL',
};

export interface GeminiErrorBody {
  error: { code: number; message: string; status: string };
}

export function renderGeminiError(error: GatewayError): { status: number; headers: Record<string, string>; body: GeminiErrorBody } {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return { status: error.status, headers, body: { error: { code: error.status, message: error.message, status: statusByKind[error.kind] } } };
}
