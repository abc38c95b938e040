/**
 * Captured headers and bodies, made safe to store: credentials masked, then cut to the size
 * limit. Masking runs before cutting, so a secret split by the cut is never half kept.
 *
 * Three layers: headers that carry credentials are masked by name; JSON fields with a secret's
 * name (`api_key`, `authorization`, `refresh_token`…) are masked whatever their value; and
 * every remaining text goes through redactSecrets (keys, Google tokens, bearer values, JWTs).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { redactSecrets } from '../logging/redact-secrets.js';

const redacted = '[redacted]';
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-goog-api-key', 'cookie', 'set-cookie']);
const secretFieldName = /^(authorization|proxy[-_]?authorization|x[-_]?api[-_]?key|x[-_]?goog[-_]?api[-_]?key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|password|secret|cookie)$/i;

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    result[name] = credentialHeaders.has(name.toLowerCase()) ? redacted : redactSecrets(text);
  }
  return result;
}

/** Cut `text` to at most `maxBytes` UTF-8 bytes, saying how much was left out. */
export function truncateUtf8(text: string, maxBytes: number, totalBytes = Buffer.byteLength(text)): string {
  if (totalBytes <= maxBytes && Buffer.byteLength(text) <= maxBytes) return text;
  // A cut inside a multi-byte character decodes to U+FFFD; drop it.
  const cut = Buffer.from(text).subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
  return `${cut}\n…[truncated: ${totalBytes} bytes in all]`;
}

/** The parsed request body as JSON text, secret fields masked, cut to `maxBytes`. */
export function redactRequestBody(body: unknown, maxBytes: number): string | null {
  if (body === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(body, (key, value: unknown) => (key !== '' && secretFieldName.test(key) && value !== null && typeof value !== 'object' ? redacted : value)) ?? 'null';
  } catch {
    return null;
  }
  return truncateUtf8(redactSecrets(text), maxBytes);
}

/** The first bytes of a response (JSON or SSE text), secrets masked, cut to `maxBytes`. */
export function redactResponseBody(chunks: readonly Buffer[], totalBytes: number, maxBytes: number): string | null {
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks).toString('utf8');
  return truncateUtf8(redactSecrets(text), maxBytes, totalBytes);
}
