/**
 * Cherry Studio (and other clients that template JSON from JavaScript) send the literal string
 * "[undefined]" for fields they meant to leave out (ANCHOR-ANTIGRAVITY-MANAGER.md §5.7). Such a
 * value is removed before validation, so `"reasoning_effort": "[undefined]"` means "not set"
 * instead of a 400. Text-bearing fields become empty text instead, which keeps the message
 * well-formed; the converter then drops it as empty.
 */
const undefinedLiteral = '[undefined]';
const textKeys = new Set(['content', 'text', 'reasoning_content', 'refusal']);

export function removeUndefinedLiterals(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefinedLiteral).map(removeUndefinedLiterals);
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefinedLiteral) {
        if (textKeys.has(key)) result[key] = '';
        continue;
      }
      result[key] = removeUndefinedLiterals(item);
    }
    return result;
  }
  return value;
}

export function isUndefinedLiteral(text: string): boolean {
  return text.trim() === undefinedLiteral;
}
