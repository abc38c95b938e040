/**
 * A finished exchange (completed-request.ts, handed over by server/middleware/request-context.ts)
 * as a request-log row. Pure: the caller says which key label and which body size limit apply.
 */
import type { AttemptRecord } from '../execution/run-generation.js';
import { redactSecrets } from '../logging/redact-secrets.js';
import { isConsolePath } from '../util/is-console-path.js';
import type { CompletedRequest } from './completed-request.js';
import type { RequestLogAttempt, RequestLogRow } from './describe-request-log.js';
import { redactRequestBody, redactResponseBody } from './redact-captured-exchange.js';

const healthPaths = new Set(['/', '/health', '/healthz']);

/**
 * The request log is about the AI routes: not the admin API (the console polling it would fill
 * the log with itself), not the web console's own pages and assets, not metric scrapes, health
 * probes or CORS preflights.
 */
export function shouldRecordRequest(completed: Pick<CompletedRequest, 'method' | 'path' | 'state'>): boolean {
  if (completed.state.protocol === 'admin' || completed.method === 'OPTIONS') return false;
  if (completed.path === '/metrics' || isConsolePath(completed.path)) return false;
  return !((completed.method === 'GET' || completed.method === 'HEAD') && healthPaths.has(completed.path));
}

/** Status recorded when the client left before any header was sent (nginx's convention). */
export const clientClosedStatus = 499;
export const clientClosedMessage = 'The client closed the connection before the response ended.';
const maxErrorLength = 2000;

export function convertAttemptRecord(attempt: AttemptRecord): RequestLogAttempt {
  return {
    account_email: attempt.accountEmail,
    outcome: attempt.outcome,
    status: attempt.status ?? null,
    rule: attempt.rule ?? null,
    message: attempt.message === undefined ? null : redactSecrets(attempt.message).slice(0, maxErrorLength),
    waited_ms: Math.round(attempt.waitedMs),
    skipped: attempt.skipped.map((entry) => ({ email: entry.email, reason: entry.reason })),
  };
}

/** `::ffff:127.0.0.1` -> `127.0.0.1`. */
function normalizeIp(ip: string | undefined): string | null {
  if (ip === undefined) return null;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function isStream(completed: CompletedRequest): boolean {
  if (completed.state.stream !== undefined) return completed.state.stream;
  if (completed.contentType?.startsWith('text/event-stream') === true) return true;
  // Gemini's streamed JSON array (no `alt=sse`) is `application/json`.
  return completed.path.endsWith(':streamGenerateContent');
}

export function convertCompletedRequestToRow(completed: CompletedRequest, options: { clientKey: string; maxBodyBytes: number }): RequestLogRow {
  const { state } = completed;
  const clientLeft = !completed.finished;
  const error = state.errorMessage ?? (clientLeft ? clientClosedMessage : undefined);
  const usage = state.usage;
  const capture = state.capture;
  return {
    id: state.requestId,
    time: state.startedAt,
    protocol: state.protocol,
    method: completed.method,
    path: completed.path,
    model: state.model ?? null,
    mapped_model: state.mappedModel ?? null,
    // When every attempt failed, the last account tried is the one to look at.
    account_email: state.accountEmail ?? state.attempts.at(-1)?.accountEmail ?? null,
    attempts: JSON.stringify(state.attempts.map(convertAttemptRecord)),
    attempt_count: state.attempts.length,
    status: clientLeft && !completed.headersSent ? clientClosedStatus : completed.status,
    duration_ms: Math.max(0, Math.round(completed.endedAt - state.startedAt)),
    ttfb_ms: state.firstByteAt === undefined ? null : Math.max(0, Math.round(state.firstByteAt - state.startedAt)),
    input_tokens: usage?.inputTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
    cached_tokens: usage?.cachedInputTokens ?? 0,
    reasoning_tokens: usage?.reasoningTokens ?? 0,
    stream: isStream(completed) ? 1 : 0,
    error: error === undefined ? null : redactSecrets(error).slice(0, maxErrorLength),
    client_key: options.clientKey,
    client_ip: normalizeIp(completed.clientIp),
    request_headers: capture === undefined ? null : JSON.stringify(capture.requestHeaders),
    request_body: capture === undefined ? null : redactRequestBody(capture.requestBody, options.maxBodyBytes),
    response_body: capture === undefined ? null : redactResponseBody(capture.responseChunks, capture.responseBytes, options.maxBodyBytes),
    mapping_rule: state.mappingRule ?? null,
    warnings:
      state.warnings === undefined
        ? '[]'
        : JSON.stringify(state.warnings.map((warning) => ({ code: warning.code, message: redactSecrets(warning.message).slice(0, maxErrorLength) }))),
  };
}
