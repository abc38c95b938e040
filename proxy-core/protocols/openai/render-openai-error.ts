/**
 * GatewayError -> OpenAI error body (https://platform.openai.com/docs/guides/error-codes):
 * `{error:{message, type, code, param}}`. Used for every OpenAI route, for in-stream error frames
 * and for the admin API.
 */
import type { GatewayError, GatewayErrorKind } from '../../errors/gateway-error.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

/**
 * OpenAI documents `invalid_request_error`, `authentication_error`, `permission_error`,
 * `not_found_error`, `rate_limit_error` and `server_error`; the others follow the same naming so
 * a client that branches on `type` can tell a gateway-side condition (no account, upstream down,
 * idle timeout) from a generic server error. `code` is the default when the error brings none.
 */
const renderingByKind: Record<GatewayErrorKind, { type: string; code: string | null }> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'authentication_error', code: 'invalid_api_key' },
  permission: { type: 'permission_error', code: null },
  not_found: { type: 'not_found_error', code: null },
  payload_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  overloaded: { type: 'service_unavailable_error', code: 'overloaded' },
  no_account: { type: 'service_unavailable_error', code: 'no_account_available' },
  upstream: { type: 'upstream_error', code: null },
  timeout: { type: 'timeout_error', code: 'timeout' },
  internal: { type: 'server_error', code: null },
};

const internalErrorMessage = 'Internal gateway error';

export function renderOpenAIError(error: GatewayError): { status: number; headers: Record<string, string>; body: OpenAIErrorBody } {
  const rendering = renderingByKind[error.kind];
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  // An internal error's message may have been built from whatever was caught (paths, tokens,
  // upstream bodies); it stays in the logs, the client gets a fixed sentence.
  return {
    status: error.status,
    headers,
    body: {
      error: {
        message: error.kind === 'internal' ? internalErrorMessage : error.message,
        type: rendering.type,
        code: error.code ?? rendering.code,
        param: error.param ?? null,
      },
    },
  };
}
