/**
 * Reads an upstream error answer (google.rpc.Status as JSON, UPSTREAM-PROTOCOL.md §11) into an
 * UpstreamFailure: the message, `ErrorInfo.reason`, how long to wait, the validation link and
 * whether the 400 is about a thought signature. Pure: the clock comes in as `now`.
 *
 * Delay precedence: `RetryInfo.retryDelay`, `ErrorInfo.metadata.quotaResetDelay`, `Retry-After`,
 * then the message text ("reset after 3s", "Resets in 108h48m29s"), then the distance to
 * `quotaResetTimeStamp`.
 */
import type { UpstreamFailure } from '../errors/gateway-error.js';

const maxPlainMessageLength = 500;

/** Thought-signature 400s quoted in UPSTREAM-PROTOCOL.md §11 (Gemini and Claude wordings). */
const signatureErrorPatterns = [
  /thought_signature/i,
  /corrupted thought signature/i,
  /invalid\s+`?signature`?\s+in\s+`?thinking`?\s+block/i,
  /thought signature is not valid/i,
  /thinking\.signature/i,
  /must start with a thinking block/i,
];

const durationText = String.raw`(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s))+`;
const messageDelayPatterns = [
  new RegExp(String.raw`resets?\s+(?:after|in)\s+(${durationText})`, 'i'),
  new RegExp(String.raw`retry\s+(?:after|in)\s+(${durationText})`, 'i'),
  new RegExp(String.raw`try\s+again\s+in\s+(${durationText})`, 'i'),
];

const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 };

/** A Go / proto-JSON duration ("3.957525076s", "539.477544ms", "108h48m20.79s") in whole ms, rounded up. */
function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!new RegExp(`^${durationText}$`).test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) {
    total += Number(amount) * (unitMs[unit ?? 's'] ?? 0);
  }
  return Math.ceil(total - 1e-6);
}

/** proto Duration is a string in JSON; accept the `{seconds, nanos}` object form as well. */
function parseProtoDuration(value: unknown): number | undefined {
  if (typeof value === 'string') return parseDuration(value);
  if (isRecord(value)) {
    const seconds = Number(value.seconds ?? 0);
    const nanos = Number(value.nanos ?? 0);
    if (Number.isFinite(seconds) && Number.isFinite(nanos)) return Math.ceil(seconds * 1000 + nanos / 1e6 - 1e-6);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Claude errors arrive as the Anthropic JSON stringified into `message`; some Google errors nest
 * a whole Status the same way. Take the innermost message.
 */
function unwrapMessage(message: string, depth = 0): string {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (depth > 3 || start === -1 || end <= start) return message;
  const inner = tryParseJson(message.slice(start, end + 1));
  if (isRecord(inner) && isRecord(inner.error) && typeof inner.error.message === 'string' && inner.error.message !== '') {
    return unwrapMessage(inner.error.message, depth + 1);
  }
  return message;
}

function capPlainText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > maxPlainMessageLength ? `${trimmed.slice(0, maxPlainMessageLength)}…` : trimmed;
}

function findDetail(details: unknown[], typeSuffix: string): Record<string, unknown> | undefined {
  return details.find((detail): detail is Record<string, unknown> => isRecord(detail) && String(detail['@type'] ?? '').endsWith(typeSuffix));
}

export function parseUpstreamError(
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
  now: number,
): UpstreamFailure {
  let parsed = tryParseJson(bodyText);
  // Some Google front ends answer with a one-element array of Status objects.
  if (Array.isArray(parsed)) parsed = parsed[0];
  const error = isRecord(parsed) ? parsed.error : undefined;

  let message: string;
  let reason: string | undefined;
  let rpcStatus: string | undefined;
  let details: unknown[] = [];
  if (isRecord(error)) {
    if (typeof error.status === 'string' && error.status !== '') rpcStatus = error.status;
    const raw = typeof error.message === 'string' ? error.message.trim() : '';
    message = raw === '' ? (typeof error.status === 'string' ? error.status : capPlainText(bodyText)) : unwrapMessage(raw);
    if (Array.isArray(error.details)) details = error.details;
  } else if (typeof error === 'string' && isRecord(parsed)) {
    // OAuth-style `{error, error_description}`.
    message = typeof parsed.error_description === 'string' ? parsed.error_description : error;
    reason = error;
  } else {
    message = capPlainText(bodyText);
  }
  if (message === '') message = `Upstream answered HTTP ${status} with no message`;

  const errorInfo = findDetail(details, 'google.rpc.ErrorInfo');
  const metadata = isRecord(errorInfo?.metadata) ? errorInfo.metadata : {};
  if (typeof errorInfo?.reason === 'string') reason = errorInfo.reason;

  const resetAtText = metadata.quotaResetTimeStamp;
  const resetAtParsed = typeof resetAtText === 'string' ? Date.parse(resetAtText) : Number.NaN;
  const resetAt = Number.isNaN(resetAtParsed) ? undefined : resetAtParsed;

  let retryDelayMs =
    parseProtoDuration(findDetail(details, 'google.rpc.RetryInfo')?.retryDelay) ??
    parseProtoDuration(metadata.quotaResetDelay) ??
    parseRetryAfter(readHeader(headers, 'retry-after'), now);
  if (retryDelayMs === undefined) {
    for (const pattern of messageDelayPatterns) {
      const match = pattern.exec(message);
      if (match?.[1] !== undefined) {
        retryDelayMs = parseDuration(match[1]);
        break;
      }
    }
  }
  if (retryDelayMs === undefined && resetAt !== undefined && resetAt > now) retryDelayMs = resetAt - now;

  let validationUrl: string | undefined;
  if (reason === 'VALIDATION_REQUIRED') {
    const links = findDetail(details, 'google.rpc.Help')?.links;
    const first: unknown = Array.isArray(links) ? links[0] : undefined;
    const url = isRecord(first) ? first.url : metadata.validation_link;
    if (typeof url === 'string' && url !== '') validationUrl = url;
  }

  const signatureError =
    status === 400 && signatureErrorPatterns.some((pattern) => pattern.test(message) || pattern.test(bodyText));

  const failure: UpstreamFailure = { status, message };
  if (reason !== undefined) failure.reason = reason;
  if (rpcStatus !== undefined) failure.rpcStatus = rpcStatus;
  if (retryDelayMs !== undefined) failure.retryDelayMs = retryDelayMs;
  if (resetAt !== undefined) failure.resetAt = resetAt;
  if (validationUrl !== undefined) failure.validationUrl = validationUrl;
  if (signatureError) failure.signatureError = true;
  return failure;
}
