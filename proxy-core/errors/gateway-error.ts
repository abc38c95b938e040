/**
 * The one error type of the gateway. Upstream failures become a GatewayError in exactly one
 * place (upstream/classify-upstream-error.ts); each client protocol renders it in exactly one
 * place, from a table keyed by `kind`, so a new kind is a compile error until every protocol
 * handles it.
 */
export type GatewayErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limit'
  | 'overloaded'
  | 'upstream'
  | 'timeout'
  | 'no_account'
  | 'internal';

export const statusByKind: Record<GatewayErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limit: 429,
  overloaded: 503,
  upstream: 502,
  timeout: 504,
  no_account: 503,
  internal: 500,
};

/** What the upstream said, parsed once (upstream/parse-upstream-error.ts); drives retry and cooldown. */
export interface UpstreamFailure {
  /** Upstream HTTP status; 0 for a network failure (refused, reset, DNS). */
  status: number;
  /** `ErrorInfo.reason`, e.g. RATE_LIMIT_EXCEEDED, QUOTA_EXHAUSTED, MODEL_CAPACITY_EXHAUSTED, VALIDATION_REQUIRED. */
  reason?: string;
  /** The Status's canonical code (`error.status`), e.g. UNAVAILABLE, RESOURCE_EXHAUSTED. */
  rpcStatus?: string;
  /** Delay the upstream asked for (RetryInfo, quotaResetDelay, message text, Retry-After). */
  retryDelayMs?: number;
  /** Absolute reset time (epoch ms) when the upstream gave one (`quotaResetTimeStamp`). */
  resetAt?: number;
  /** Where the user verifies the account (VALIDATION_REQUIRED `Help.links[0]`). */
  validationUrl?: string;
  /** The 400 is about a thought signature: strip signatures and retry once. */
  signatureError?: boolean;
  /** The upstream's own message. */
  message: string;
}

/** `GatewayError.code` when Google refused the account (upstream 403): the caller did nothing wrong. */
export const accountRefusedCode = 'upstream_account_forbidden';

export interface GatewayErrorOptions {
  /** HTTP status to answer with; defaults to the kind's status. */
  status?: number;
  /** Seconds until capacity is expected back; rendered as `Retry-After`. */
  retryAfterSeconds?: number;
  /** The request field at fault, when there is one (OpenAI `param`). */
  param?: string;
  /** A machine-readable code (OpenAI `code`), e.g. `model_not_found`. */
  code?: string;
  /** Set when the error came from the upstream. */
  upstream?: UpstreamFailure;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly param: string | undefined;
  readonly code: string | undefined;
  readonly upstream: UpstreamFailure | undefined;

  constructor(kind: GatewayErrorKind, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.kind = kind;
    this.status = options.status ?? statusByKind[kind];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.param = options.param;
    this.code = options.code;
    this.upstream = options.upstream;
  }
}

/** Any thrown value as a GatewayError; unknown errors become `internal` without leaking details. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal', 'Internal gateway error', { cause: error });
}
