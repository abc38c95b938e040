/**
 * A client's reasoning request (OpenAI `reasoning_effort`, Anthropic `thinking.budget_tokens`)
 * -> the upstream `generationConfig.thinkingConfig` for the target model, shared by every
 * protocol. Shapes by family (UPSTREAM-PROTOCOL.md §4 "thinkingConfig by family"):
 * - Gemini 3+: `thinkingLevel` (https://ai.google.dev/gemini-api/docs/thinking#thinking-levels).
 *   Thinking cannot be turned off, so `none` becomes the lowest level. Pro models take only
 *   `low` and `high`: `minimal` -> `low`, `medium` -> `high` (round up: the client asked for
 *   some reasoning, never give it less than the floor it named).
 * - Gemini 2.5: `thinkingBudget` (https://ai.google.dev/gemini-api/docs/thinking#set-budget).
 *   Flash models can turn thinking off (budget 0); Pro cannot (its minimum is 128).
 * - Claude `*-thinking`: `thinkingBudget`, default 8192, at least 1024 (Anthropic's minimum,
 *   https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking); `none` turns
 *   thinking off. `maxOutputTokens` must exceed the budget (UPSTREAM-PROTOCOL.md §4).
 * - Anything else (non-thinking Claude, image models, GPT-OSS, Gemini < 2.5): no thinkingConfig.
 * With no effort and no budget, thinking models still get `includeThoughts: true` so their
 * reasoning reaches the client, at the model's default depth.
 */
import type { GeminiThinkingConfig } from '../../canonical/gemini-schemas.js';
import { isImageModel } from '../../mapping/is-image-model.js';
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';
type ThinkingLevel = NonNullable<GeminiThinkingConfig['thinkingLevel']>;

export interface ResolvedThinkingConfig {
  thinkingConfig?: GeminiThinkingConfig;
  /**
   * Smallest `maxOutputTokens` that leaves room for an answer after the thinking budget: the
   * caller raises the client's limit to this when it is lower or absent.
   */
  minOutputTokens?: number;
  warnings: ConversionWarning[];
}

/** Answer room kept above the thinking budget (what the Antigravity clients use, UPSTREAM §4). */
export const answerTokensAboveBudget = 8192;
const claudeDefaultBudget = 8192;
const claudeMinimumBudget = 1024;
const gemini25ProMinimumBudget = 128;

const budgetByEffort: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};

export function resolveThinkingConfig(
  upstreamModel: string,
  effort: ReasoningEffort | undefined,
  budgetTokens?: number,
): ResolvedThinkingConfig {
  const model = upstreamModel.toLowerCase();
  const geminiVersion = /^gemini-(\d+)(?:\.(\d+))?/.exec(model);
  const thinkingRequested = budgetTokens !== undefined || (effort !== undefined && effort !== 'none');

  if (isImageModel(model)) return notThinking(upstreamModel, thinkingRequested);
  if (model.includes('claude')) {
    return model.includes('thinking') ? resolveClaude(effort, budgetTokens) : notThinking(upstreamModel, thinkingRequested);
  }
  if (geminiVersion !== null) {
    const major = Number(geminiVersion[1]);
    const minor = Number(geminiVersion[2] ?? 0);
    if (major >= 3) return resolveGeminiLevel(model, effort, budgetTokens);
    if (major === 2 && minor >= 5) return resolveGeminiBudget(model, effort, budgetTokens);
  }
  return notThinking(upstreamModel, thinkingRequested);
}

function resolveGeminiLevel(model: string, effort: ReasoningEffort | undefined, budgetTokens: number | undefined): ResolvedThinkingConfig {
  const requested = budgetTokens !== undefined ? levelForBudget(budgetTokens) : effort;
  if (requested === undefined) return { thinkingConfig: { includeThoughts: true }, warnings: [] };
  const warnings: ConversionWarning[] = [];
  if (requested === 'none') warnings.push(conversionWarning('thinking_adjusted', `${model} cannot turn thinking off; using its lowest thinking level`));
  const isPro = model.includes('-pro');
  const level: ThinkingLevel = isPro ? proLevel(requested) : requested === 'none' ? 'minimal' : requested;
  return { thinkingConfig: { includeThoughts: true, thinkingLevel: level }, warnings };
}

function proLevel(requested: ReasoningEffort): ThinkingLevel {
  return requested === 'medium' || requested === 'high' ? 'high' : 'low';
}

/** Budget -> level for Gemini 3, by the same steps as the effort -> budget table. */
function levelForBudget(budget: number): ReasoningEffort {
  if (budget === 0) return 'none';
  if (budget < 0) return 'high'; // -1 is "dynamic": let the model think as much as it wants.
  if (budget <= budgetByEffort.low) return 'low';
  if (budget <= budgetByEffort.medium) return 'medium';
  return 'high';
}

function resolveGeminiBudget(model: string, effort: ReasoningEffort | undefined, budgetTokens: number | undefined): ResolvedThinkingConfig {
  const warnings: ConversionWarning[] = [];
  let budget: number;
  if (budgetTokens !== undefined) budget = budgetTokens;
  else if (effort === undefined) return { thinkingConfig: { includeThoughts: true }, warnings };
  else if (effort === 'none') budget = 0;
  else budget = budgetByEffort[effort];

  if (budget === 0 && !model.includes('flash')) {
    warnings.push(conversionWarning('thinking_adjusted', `${model} cannot turn thinking off; using the minimum thinking budget ${gemini25ProMinimumBudget}`));
    budget = gemini25ProMinimumBudget;
  }
  if (budget === 0) return { thinkingConfig: { includeThoughts: false, thinkingBudget: 0 }, warnings };
  return {
    thinkingConfig: { includeThoughts: true, thinkingBudget: budget },
    ...(budget > 0 ? { minOutputTokens: budget + answerTokensAboveBudget } : {}),
    warnings,
  };
}

function resolveClaude(effort: ReasoningEffort | undefined, budgetTokens: number | undefined): ResolvedThinkingConfig {
  const warnings: ConversionWarning[] = [];
  let budget: number;
  if (budgetTokens !== undefined) budget = budgetTokens;
  else if (effort === 'none') return { warnings };
  else budget = effort === undefined ? claudeDefaultBudget : budgetByEffort[effort];
  if (budget < claudeMinimumBudget) {
    if (budgetTokens !== undefined) warnings.push(conversionWarning('thinking_adjusted', `thinking budget ${budgetTokens} raised to Claude's minimum of ${claudeMinimumBudget}`));
    budget = claudeMinimumBudget;
  }
  return {
    thinkingConfig: { includeThoughts: true, thinkingBudget: budget },
    minOutputTokens: budget + answerTokensAboveBudget,
    warnings,
  };
}

function notThinking(upstreamModel: string, thinkingRequested: boolean): ResolvedThinkingConfig {
  return { warnings: thinkingRequested ? [conversionWarning('thinking_adjusted', `${upstreamModel} does not support thinking; the reasoning setting is ignored`)] : [] };
}
