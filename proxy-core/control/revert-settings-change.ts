/**
 * Undo one saved change without undoing the ones saved after it: every leaf the change set
 * (`before` -> `after`) goes back to its `before` value, unless a later change has set it to
 * something else since (then the later change stands). Used when a saved port or LAN change
 * cannot be carried out and must be taken back while other changes may have been queued.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

export function revertSettingsChange(current: unknown, after: unknown, before: unknown): unknown {
  if (isPlainObject(current) && isPlainObject(after) && isPlainObject(before)) {
    const reverted: Record<string, unknown> = { ...current };
    for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
      const value = revertSettingsChange(current[key], after[key], before[key]);
      if (value === undefined) delete reverted[key];
      else reverted[key] = value;
    }
    return reverted;
  }
  if (sameValue(after, before)) return current;
  return sameValue(current, after) ? before : current;
}
