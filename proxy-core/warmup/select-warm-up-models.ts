/**
 * Which models a warm-up calls on an account: one per model family whose quota window runs on
 * its own (Gemini Flash, Gemini Pro, Claude), preferring the models clients use most. Models the
 * account lists win; an account whose quotas were never read gets the usual ids.
 */
import type { Account } from '../accounts/account-schema.js';

export const warmUpFamilies = [
  { family: 'gemini-flash', preferred: 'gemini-3-flash', matches: (id: string) => id.startsWith('gemini') && id.includes('flash') && !id.includes('image') },
  { family: 'gemini-pro', preferred: 'gemini-3-pro-high', matches: (id: string) => id.startsWith('gemini') && id.includes('pro') && !id.includes('image') },
  { family: 'claude', preferred: 'claude-sonnet-4-5', matches: (id: string) => id.startsWith('claude') },
] as const;

export type WarmUpFamily = (typeof warmUpFamilies)[number]['family'];

export function selectWarmUpModels(account: Pick<Account, 'quotas'>): Array<{ family: WarmUpFamily; model: string }> {
  const listed = Object.keys(account.quotas).sort();
  return warmUpFamilies.flatMap(({ family, preferred, matches }) => {
    if (listed.length === 0) return [{ family, model: preferred }];
    const candidates = listed.filter((id) => matches(id.toLowerCase()));
    if (candidates.length === 0) return [];
    return [{ family, model: candidates.includes(preferred) ? preferred : (candidates[0] as string) }];
  });
}
