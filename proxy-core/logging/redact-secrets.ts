/**
 * Mask anything that looks like a credential before it reaches a log line: gateway API keys,
 * Google access and refresh tokens, bearer values, client secrets, JWTs.
 */
const patterns: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{6,}/g,
  /\bya29\.[A-Za-z0-9._-]+/g,
  /\b1\/\/[A-Za-z0-9._-]{10,}/g,
  /\bGOCSPX-[A-Za-z0-9_-]+/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /(Bearer\s+)[^\s"',]+/gi,
  /((?:refresh_token|access_token|api_key|client_secret|password)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
];

/**
 * Text none of the patterns can match lacks all of these: one scan tells most log lines (a
 * request line per request) apart from the few that need the patterns.
 */
const mayHoldSecret = /sk-|ya29\.|1\/\/|GOCSPX-|eyJ|bearer|refresh_token|access_token|api_key|client_secret|password/i;

export function redactSecrets(text: string): string {
  if (!mayHoldSecret.test(text)) return text;
  let result = text;
  for (const pattern of patterns) {
    result = result.replace(pattern, (match, prefix?: unknown) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]'));
  }
  return result;
}
