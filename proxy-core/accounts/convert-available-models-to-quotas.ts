/**
 * `fetchAvailableModels` -> per-model quota (UPSTREAM-PROTOCOL.md §10). The map also lists
 * internal non-agent models (completion, chat and query helpers) that no client can call; like
 * the Antigravity usage tools we drop them, and any model without quota information.
 */
import type { ModelQuota } from './account-schema.js';
import type { FetchAvailableModelsResponse } from '../upstream/cloud-code-api.js';

const internalPrefixes = ['chat_', 'tab_', 'rev'];

export function convertAvailableModelsToQuotas(response: FetchAvailableModelsResponse): Record<string, ModelQuota> {
  const quotas: Record<string, ModelQuota> = {};
  for (const [modelId, model] of Object.entries(response.models ?? {})) {
    const id = modelId.toLowerCase();
    if (internalPrefixes.some((prefix) => id.startsWith(prefix)) || id.includes('mquery')) continue;
    if (!model.quotaInfo) continue;
    // An exhausted model may come without remainingFraction (§10): that means 0 left.
    const quota: ModelQuota = { remainingFraction: clampFraction(model.quotaInfo.remainingFraction) };
    if (model.quotaInfo.resetTime !== undefined) quota.resetTime = model.quotaInfo.resetTime;
    if (model.displayName !== undefined) quota.displayName = model.displayName;
    quotas[modelId] = quota;
  }
  return quotas;
}

function clampFraction(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
