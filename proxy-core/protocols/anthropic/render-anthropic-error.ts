/**
 * GatewayError -> Anthropic error body (https://docs.anthropic.com/en/api/errors):
 * `{type:"error", error:{type, message}}`.
 */
import { accountRefusedCode, type GatewayError, type GatewayErrorKind } from '../../errors/gateway-error.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error';

const typeByKind: Record<GatewayErrorKind, AnthropicErrorType> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  payload_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  upstream: 'api_error',
  timeout: 'timeout_error',
  no_account: 'overloaded_error',
  internal: 'api_error',
};

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
}

export function renderAnthropicError(error: GatewayError): { status: number; headers: Record<string, string>; body: AnthropicErrorBody } {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  // Google refused an account (upstream 403). Claude Code logs the user out on a 403 and treats
  // `overloaded_error` as "try again later", which is what this is for the caller.
  if (error.code === accountRefusedCode) {
    return { status: 503, headers, body: { type: 'error', error: { type: 'overloaded_error', message: error.message } } };
  }
  return { status: error.status, headers, body: { type: 'error', error: { type: typeByKind[error.kind], message: error.message } } };
}
