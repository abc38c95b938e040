/**
 * A partial settings object laid over the current one: plain objects merge key by key, anything
 * else (numbers, strings, arrays) replaces. Records the user edits as a whole (the mapping rules)
 * replace too, so an imported rule set is exactly what was exported. Not validated here.
 */
const replacedWhole = new Set(['proxy.custom_mapping']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeSettings(current: unknown, patch: unknown, path: string[] = []): unknown {
  if (!isPlainObject(current) || !isPlainObject(patch) || replacedWhole.has(path.join('.'))) return structuredClone(patch);
  const merged: Record<string, unknown> = structuredClone(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    merged[key] = Object.hasOwn(current, key) ? mergeSettings(current[key], value, [...path, key]) : structuredClone(value);
  }
  return merged;
}
