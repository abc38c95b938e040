/**
 * Labels as stored: trimmed, empty ones dropped, duplicates (any case) dropped keeping the first
 * spelling, in the order given. Too long a label or too many are refused, not cut: a silently
 * shortened label would no longer match the filter the user types.
 */
import { accountLabelSchema, maxAccountLabels } from './account-schema.js';
import { GatewayError } from '../errors/gateway-error.js';

export function normalizeAccountLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    if (label === '') continue;
    if (!accountLabelSchema.safeParse(label).success) {
      throw new GatewayError('invalid_request', `A label is at most 40 characters ("${label.slice(0, 40)}…" is longer).`, { param: 'labels' });
    }
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(label);
  }
  if (result.length > maxAccountLabels) {
    throw new GatewayError('invalid_request', `An account has at most ${maxAccountLabels} labels (${result.length} given).`, { param: 'labels' });
  }
  return result;
}
