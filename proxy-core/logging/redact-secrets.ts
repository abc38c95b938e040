/**
 * Mask anything that looks like a credential before it reaches a log line: gateway API keys (named ones too),
 * Google API keys, access and refresh tokens, bearer values, client secrets, JWTs,
 * passwords in URLs, and the value after a credential's name (`api_key=…`, `"refreshToken": …`).
 *
 * A token is found even when glued to the text before it (`KEY_sk-…`, `token:ya29.…`): the
 * forms that ordinary words could also take (`sk-` in `task-runner`, `1//` in a path) need a
 * word boundary when short and match anywhere only at a real token's length.
 */
const patterns: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{6,}|sk-[A-Za-z0-9_-]{20,}/g,
  // Named API keys (keys/create-api-key-secret.ts): the id is public, the whole is masked all the same.
  /skp_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}/g,
  /ya29\.[A-Za-z0-9._-]+/g,
  /\b1\/\/[A-Za-z0-9._-]{10,}|1\/\/0[A-Za-z0-9._-]{20,}/g,
  /GOCSPX-[A-Za-z0-9_-]+/g,
  /AIza[A-Za-z0-9_-]{30,}/g,
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /(Bearer\s+)[^\s"',]+/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+(?=@)/gi,
  /((?:(?:x[-_]?(?:goog[-_]?)?)?api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|password)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
];

/**
 * Text none of the patterns can match lacks all of these: one scan tells most log lines (a
 * request line per request) apart from the few that need the patterns.
 */
const mayHoldSecret = /sk-|skp_|ya29\.|1\/\/|GOCSPX-|AIza|eyJ|bearer|:\/\/[^\s/]*@|api[-_]?key|token|secret|password/i;

export function redactSecrets(text: string): string {
  if (!mayHoldSecret.test(text)) return text;
  let result = text;
  for (const pattern of patterns) {
    result = result.replace(pattern, (match, prefix?: unknown) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]'));
  }
  return result;
}
