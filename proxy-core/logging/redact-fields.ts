/**
 * Log fields made safe to write: every string (at any depth) through redactSecrets, a field whose
 * name says it holds a credential masked whatever its value, errors reduced to their (redacted)
 * message and stack. Depth is bounded: a field is context, not a dump.
 */
import { redactSecrets } from './redact-secrets.js';

const credentialName = /^(?:(?:x[-_]?(?:goog[-_]?)?)?api[-_]?key|(?:access|refresh|id)[-_]?token|token|client[-_]?secret|secret|password|passphrase|authorization|cookie)$/i;
const maxDepth = 4;

export function redactFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return redactObject(fields, 0);
}

function redactObject(value: Readonly<Record<string, unknown>>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = credentialName.test(key) && item !== undefined && item !== null ? '[redacted]' : redactValue(item, depth + 1);
  }
  return result;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth > maxDepth) return '[nested]';
  if (value instanceof Error) {
    return { name: value.name, message: redactSecrets(value.message), ...(value.stack === undefined ? {} : { stack: redactSecrets(value.stack) }) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, depth + 1));
  return redactObject(value as Record<string, unknown>, depth);
}
