/**
 * google.rpc.Status error bodies as Cloud Code sends them (UPSTREAM-PROTOCOL.md §11), and
 * builders that return them as `FakeReply`s for `FakeGoogle.enqueue`.
 */
import type { FakeErrorReply } from './fake-google-types.js';

export const CLOUDCODE_DOMAIN = 'cloudcode-pa.googleapis.com';

export type RpcDetail = { '@type': string } & Record<string, unknown>;

export interface RpcStatusBody {
  error: { code: number; message: string; status: string; details?: RpcDetail[] };
}

export interface FieldViolation {
  field: string;
  description: string;
}

/** `{"error":{code,message,status,details?}}`; `details` is left out when empty, as Google does. */
export function rpcStatus(code: number, status: string, message: string, details: RpcDetail[] = []): RpcStatusBody {
  const error: RpcStatusBody['error'] = { code, message, status };
  if (details.length > 0) error.details = details;
  return { error };
}

export function errorInfo(reason: string, metadata?: Record<string, string>, domain = CLOUDCODE_DOMAIN): RpcDetail {
  const detail: RpcDetail = { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain };
  if (metadata) detail.metadata = metadata;
  return detail;
}

export function retryInfo(retryDelay: string): RpcDetail {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay };
}

export function badRequest(fieldViolations: FieldViolation[]): RpcDetail {
  return { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations };
}

export function errorReply(status: number, body: RpcStatusBody, headers?: Record<string, string>): FakeErrorReply {
  return headers ? { kind: 'error', status, body, headers } : { kind: 'error', status, body };
}

/** 400 INVALID_ARGUMENT: the messages joined by '\n', each also a BadRequest field violation (proto-JSON parser style). */
export function fieldViolationsError(violations: FieldViolation[]): FakeErrorReply {
  const message = violations.map((violation) => violation.description).join('\n');
  return errorReply(400, rpcStatus(400, 'INVALID_ARGUMENT', message, [badRequest(violations)]));
}

/** 400 INVALID_ARGUMENT with a plain message and no details (semantic checks of the backend). */
export function invalidArgumentError(message: string): FakeErrorReply {
  return errorReply(400, rpcStatus(400, 'INVALID_ARGUMENT', message));
}

// ---------------------------------------------------------------------------------------------
// Durations: proto Duration strings ("3.957525076s") and Go durations ("108h48m20.795762633s").

/** Parses "1.5s", "539.477544ms", "108h48m20.795762633s", "2m", "40s" into seconds. */
export function parseDurationSeconds(text: string): number {
  const trimmed = text.trim();
  const pattern = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    const amount = Number(match[1]);
    const unit = match[2];
    const factor = unit === 'h' ? 3600 : unit === 'm' ? 60 : unit === 's' ? 1 : unit === 'ms' ? 1e-3 : unit === 'ns' ? 1e-9 : 1e-6;
    total += amount * factor;
    consumed += match[0].length;
  }
  if (consumed !== trimmed.length || trimmed.length === 0) throw new Error(`bad duration: ${text}`);
  return total;
}

/** "<whole>.<fraction>" for an integer amount of `unit`-ths, without trailing zeros. */
function fixed(amount: number, unitDigits: number): string {
  const unit = 10 ** unitDigits;
  const whole = Math.floor(amount / unit);
  const fraction = String(amount % unit).padStart(unitDigits, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Go's time.Duration.String() for a non-negative number of seconds (nanosecond precision). */
export function goDuration(seconds: number): string {
  const nanos = Math.round(seconds * 1e9);
  if (nanos === 0) return '0s';
  if (nanos < 1e3) return `${nanos}ns`;
  if (nanos < 1e6) return `${fixed(nanos, 3)}µs`;
  if (nanos < 1e9) return `${fixed(nanos, 6)}ms`;
  const hours = Math.floor(nanos / 3.6e12);
  const minutes = Math.floor((nanos % 3.6e12) / 6e10);
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  return `${out}${fixed(nanos % 6e10, 9)}s`;
}

/** proto Duration JSON: seconds with up to 9 fractional digits and an "s". */
export function protoDuration(seconds: number): string {
  return `${fixed(Math.round(seconds * 1e9), 9)}s`;
}

/** ISO-8601 UTC without fractions, as Google writes timestamps in these bodies. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------------------------------------
// Builders for FakeGoogle.enqueue.

/**
 * 429 RESOURCE_EXHAUSTED, reason RATE_LIMIT_EXCEEDED, with ErrorInfo + RetryInfo. `retryDelay` is a proto
 * Duration (default '0.539477544s'); `quotaResetDelay` a Go duration (default: the same delay).
 * `resetTimeStamp: false` leaves `quotaResetTimeStamp` out of the metadata (not every capture carries it).
 */
export function rateLimitError(
  options: { retryDelay?: string; quotaResetDelay?: string; model?: string; resetTimeStamp?: boolean } = {},
): FakeErrorReply {
  const retryDelay = options.retryDelay ?? '0.539477544s';
  const seconds = parseDurationSeconds(retryDelay);
  const quotaResetDelay = options.quotaResetDelay ?? goDuration(seconds);
  const resetSeconds = parseDurationSeconds(quotaResetDelay);
  const metadata: Record<string, string> = {
    uiMessage: 'true',
    model: options.model ?? 'gemini-3-flash',
    quotaResetDelay,
  };
  if (options.resetTimeStamp !== false) metadata.quotaResetTimeStamp = isoSeconds(new Date(Date.now() + resetSeconds * 1000));
  return errorReply(
    429,
    rpcStatus(
      429,
      'RESOURCE_EXHAUSTED',
      `You have exhausted your capacity on this model. Your quota will reset after ${Math.floor(seconds)}s.`,
      [errorInfo('RATE_LIMIT_EXCEEDED', metadata), retryInfo(retryDelay)],
    ),
  );
}

/**
 * 429 RESOURCE_EXHAUSTED, reason QUOTA_EXHAUSTED ("Individual quota reached. … Resets in 108h48m29s."). `resetDelay`
 * is a Go duration (e.g. '108h48m20.795762633s') or a proto Duration ('391609.79s'). `resetTimeStamp: false` leaves
 * `quotaResetTimeStamp` out of the metadata.
 */
export function quotaExhaustedError(options: { resetDelay: string; model?: string; resetTimeStamp?: boolean }): FakeErrorReply {
  const seconds = parseDurationSeconds(options.resetDelay);
  const quotaResetDelay = goDuration(seconds);
  const metadata: Record<string, string> = {
    uiMessage: 'true',
    model: options.model ?? 'gemini-3-flash',
    quotaResetDelay,
  };
  if (options.resetTimeStamp !== false) metadata.quotaResetTimeStamp = isoSeconds(new Date(Date.now() + seconds * 1000));
  return errorReply(
    429,
    rpcStatus(
      429,
      'RESOURCE_EXHAUSTED',
      `Individual quota reached. Contact your administrator to enable overages. Resets in ${goDuration(Math.floor(seconds))}.`,
      [errorInfo('QUOTA_EXHAUSTED', metadata), retryInfo(protoDuration(seconds))],
    ),
  );
}

/** 429 "Resource has been exhausted (e.g. check quota)." with no details. */
export function bareResourceExhaustedError(): FakeErrorReply {
  return errorReply(429, rpcStatus(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'));
}

/** 503 UNAVAILABLE, reason MODEL_CAPACITY_EXHAUSTED; RetryInfo only when `retryDelay` is given (it is only sometimes sent). */
export function capacityError(model: string, options: { retryDelay?: string } = {}): FakeErrorReply {
  const details = [errorInfo('MODEL_CAPACITY_EXHAUSTED', { model })];
  if (options.retryDelay) details.push(retryInfo(options.retryDelay));
  return errorReply(503, rpcStatus(503, 'UNAVAILABLE', `No capacity available for model ${model} on the server`, details));
}

/** 503 UNAVAILABLE with no details: Google's canonical "The service is currently unavailable." (a passing front-end fault). */
export function unavailableError(): FakeErrorReply {
  return errorReply(503, rpcStatus(503, 'UNAVAILABLE', 'The service is currently unavailable.'));
}

/** 403 PERMISSION_DENIED, reason VALIDATION_REQUIRED, with the validation URL as Help.links[0]. */
export function validationRequiredError(url: string): FakeErrorReply {
  return errorReply(
    403,
    rpcStatus(403, 'PERMISSION_DENIED', 'Verify your account to continue.', [
      errorInfo('VALIDATION_REQUIRED', { validation_url: url }),
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Verify your account', url }] },
    ]),
  );
}

/** 403 PERMISSION_DENIED "You do not have a valid license of this product" (or the given message). */
export function permissionDeniedError(message = 'You do not have a valid license of this product'): FakeErrorReply {
  return errorReply(403, rpcStatus(403, 'PERMISSION_DENIED', message));
}

/** 500 INTERNAL "Internal error encountered." */
export function internalError(): FakeErrorReply {
  return errorReply(500, rpcStatus(500, 'INTERNAL', 'Internal error encountered.'));
}

/**
 * 404 NOT_FOUND for an unknown model: Google's canonical "Requested entity was not found.", no details. No capture
 * shows the model in the text, so `model` is accepted for call-site clarity only.
 */
export function notFoundError(model: string): FakeErrorReply {
  void model;
  return errorReply(404, rpcStatus(404, 'NOT_FOUND', 'Requested entity was not found.'));
}

export const MISSING_CREDENTIALS_MESSAGE =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
export const INVALID_CREDENTIALS_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 UNAUTHENTICATED as sent for a missing, unknown or expired bearer token. */
export function unauthenticatedError(
  options: { missing?: boolean; expired?: boolean; method?: string } = {},
): FakeErrorReply {
  const reason = options.missing ? 'CREDENTIALS_MISSING' : options.expired ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_TYPE_UNSUPPORTED';
  const metadata: Record<string, string> = { service: CLOUDCODE_DOMAIN };
  if (options.method) metadata.method = `google.internal.cloud.code.v1internal.CloudCode.${options.method[0]?.toUpperCase()}${options.method.slice(1)}`;
  return errorReply(
    401,
    rpcStatus(401, 'UNAUTHENTICATED', options.missing ? MISSING_CREDENTIALS_MESSAGE : INVALID_CREDENTIALS_MESSAGE, [
      errorInfo(reason, metadata, 'googleapis.com'),
    ]),
    {
      'WWW-Authenticate': options.missing
        ? 'Bearer realm="https://accounts.google.com/"'
        : 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    },
  );
}
