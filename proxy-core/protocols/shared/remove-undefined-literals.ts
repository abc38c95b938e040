/**
 * Cherry Studio (and other clients that template JSON from JavaScript) send the literal string
 * "[undefined]" for fields they meant to leave out (ANCHOR-ANTIGRAVITY-MANAGER.md §5.7). Such a
 * value is removed before validation, so `"reasoning_effort": "[undefined]"` means "not set"
 * instead of a 400. Text-bearing fields become empty text instead, which keeps the message
 * well-formed; the converter then drops it as empty.
 */
const undefinedLiteral = '[undefined]';
const textKeys = new Set(['content', 'text', 'reasoning_content', 'refusal']);

/**
 * The value without "[undefined]" literals. The value itself when it holds none (nearly every
 * request): looked for first, so a body is copied only when there is something to remove.
 */
export function removeUndefinedLiterals(value: unknown): unknown {
  return containsUndefinedLiteral(value) ? stripUndefinedLiterals(value) : value;
}

function containsUndefinedLiteral(value: unknown): boolean {
  if (value === undefinedLiteral) return true;
  if (Array.isArray(value)) return value.some(containsUndefinedLiteral);
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (Object.hasOwn(value, key) && containsUndefinedLiteral((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

function stripUndefinedLiterals(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefinedLiteral).map(stripUndefinedLiterals);
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefinedLiteral) {
        if (textKeys.has(key)) result[key] = '';
        continue;
      }
      result[key] = stripUndefinedLiterals(item);
    }
    return result;
  }
  return value;
}

export function isUndefinedLiteral(text: string): boolean {
  return text.trim() === undefinedLiteral;
}
