/**
 * THE one place an upstream failure becomes the GatewayError a client sees
 * (UPSTREAM-PROTOCOL.md §11 for what each status means at Cloud Code).
 *
 * 401 and 403 are about the gateway's Google account, never the caller's key, so they are
 * upstream (502) failures. Messages are redacted of e-mail addresses and OAuth tokens before
 * they can reach a client.
 */
import { accountRefusedCode, GatewayError, type UpstreamFailure } from '../errors/gateway-error.js';

type Classifier = (failure: UpstreamFailure, message: string) => GatewayError;

const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Google access tokens (ya29.), refresh tokens (1//), and anything after "Bearer".
const tokenPattern = /\bya29\.[\w.-]+|\b1\/\/[\w.-]+|\bBearer\s+[\w.~+/-]+=*/gi;

function redact(text: string): string {
  return text.replace(emailPattern, '[redacted email]').replace(tokenPattern, '[redacted token]');
}

function retryAfterSeconds(failure: UpstreamFailure): { retryAfterSeconds?: number } {
  if (failure.retryDelayMs === undefined) return {};
  // A Retry-After of 0 invites a busy loop; one second is the smallest useful wait.
  return { retryAfterSeconds: Math.max(1, Math.ceil(failure.retryDelayMs / 1000)) };
}

function describeForbidden(failure: UpstreamFailure): string {
  const text = `${failure.reason ?? ''} ${failure.message}`;
  if (failure.reason === 'VALIDATION_REQUIRED') {
    return 'The upstream refused the Google account: it must be verified in a browser first (see the account list)';
  }
  if (/SERVICE_DISABLED|has not been used in project|is disabled/i.test(text)) {
    return 'The upstream refused the Google account: the Cloud Code API is disabled for its project';
  }
  if (/license/i.test(text)) {
    return 'The upstream refused the Google account: it has no valid license for this product';
  }
  return 'The upstream refused the Google account (HTTP 403)';
}

const upstreamFailure: Classifier = (failure, message) =>
  new GatewayError('upstream', `Upstream error (HTTP ${failure.status}): ${message}`, { upstream: failure });

const overloaded: Classifier = (failure, message) =>
  new GatewayError('overloaded', `Upstream overloaded: ${message}`, { upstream: failure, ...retryAfterSeconds(failure) });

const timeout: Classifier = (failure, message) =>
  new GatewayError('timeout', `Upstream timed out (HTTP ${failure.status}): ${message}`, { upstream: failure });

const classifiers: Record<number, Classifier> = {
  0: (failure, message) => new GatewayError('upstream', `Could not reach the upstream: ${message}`, { upstream: failure }),
  400: (failure, message) => new GatewayError('invalid_request', message, { status: 400, upstream: failure }),
  401: (failure) =>
    new GatewayError('upstream', "The upstream rejected the Google account's credentials (HTTP 401)", {
      upstream: failure,
      code: 'upstream_account_unauthorized',
    }),
  403: (failure) => new GatewayError('upstream', describeForbidden(failure), { upstream: failure, code: accountRefusedCode }),
  404: (failure, message) => new GatewayError('not_found', message, { upstream: failure, code: 'model_not_found' }),
  408: timeout,
  413: (failure, message) => new GatewayError('payload_too_large', message, { upstream: failure }),
  422: (failure, message) => new GatewayError('invalid_request', message, { status: 400, upstream: failure }),
  429: (failure, message) =>
    new GatewayError('rate_limit', `Upstream rate limit: ${message}`, { upstream: failure, ...retryAfterSeconds(failure) }),
  499: timeout,
  500: upstreamFailure,
  502: upstreamFailure,
  503: overloaded,
  504: upstreamFailure,
  529: overloaded,
};

/** `GatewayError.code` when Google refuses the Antigravity version Skyport presents. */
export const clientVersionRefusedCode = 'client_version_refused';

/**
 * "This version of Antigravity is no longer supported. Please update to receive the latest
 * features!" (UPSTREAM-PROTOCOL.md §3) and the "out of date" wording of Antigravity Manager's
 * reports, whatever the status it comes with.
 */
const versionRefusedPattern = /version of antigravity is no longer supported|antigravity (?:version )?is (?:out of date|outdated)|no longer supported\. please update/i;

export function isClientVersionRefusal(failure: UpstreamFailure): boolean {
  // 200: the refusal came as the answer's text (cloud-code-client.ts reads it out of the first chunk).
  return (failure.status >= 400 || failure.status === 200) && versionRefusedPattern.test(failure.message);
}

/**
 * Every account would get the same answer, and the fix is one setting: say which. A 426 (Upgrade
 * Required) is what it is; it is not retried by SDKs and never logs Claude Code out as a 401/403
 * would.
 */
function clientVersionRefused(failure: UpstreamFailure, version: string | undefined): GatewayError {
  const presented = version === undefined ? 'the client version Skyport presents' : `client version ${version}`;
  return new GatewayError(
    'upstream',
    `Google refuses ${presented}; set upstream.client_version to the current Antigravity version (or "auto"), e.g. "npm run skyport -- config set upstream.client_version auto".`,
    { status: 426, code: clientVersionRefusedCode, upstream: failure },
  );
}

export function classifyUpstreamError(failure: UpstreamFailure, context: { clientVersion?: string } = {}): GatewayError {
  if (isClientVersionRefusal(failure)) return clientVersionRefused({ ...failure, message: redact(failure.message) }, context.clientVersion);
  const message = redact(failure.message);
  const classify = classifiers[failure.status] ?? upstreamFailure;
  return classify({ ...failure, message }, message);
}
