/**
 * Anthropic `thinking` and `output_config.effort`
 * (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking,
 * https://docs.anthropic.com/en/docs/build-with-claude/effort) -> the upstream thinkingConfig,
 * through the shared resolve-thinking-config.ts:
 * - `enabled` with `budget_tokens`: that budget (Gemini 3 gets the matching level);
 * - `adaptive` (and newer types, e.g. `between_tools`): the effort, else the model's default depth;
 * - `disabled`: thinking off where the model can turn it off, its lowest depth where it cannot;
 * - absent: Anthropic's default is no thinking, so Claude does not think; Gemini models, which
 *   always think, keep their default depth.
 * Thoughts reach the client only when it asked for thinking: a client that did not ask reads
 * `content[0].text` and must not find a thinking block there.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { resolveThinkingConfig, type ReasoningEffort, type ResolvedThinkingConfig } from '../../gemini/resolve-thinking-config.js';
import { resolveModelFamily } from '../../../signatures/model-family.js';
import type { AnthropicThinking } from './anthropic-messages-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

const effortByAnthropicEffort: Record<string, ReasoningEffort> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  // The upstream's deepest setting is "high".
  xhigh: 'high',
  max: 'high',
};

export function resolveAnthropicThinking(
  upstreamModel: string,
  thinking: AnthropicThinking | null | undefined,
  effortSetting: string | null | undefined,
): ResolvedThinkingConfig {
  const type = thinking?.type;
  if (type === 'enabled') {
    if (thinking?.budget_tokens == null) {
      throw new GatewayError('invalid_request', `Invalid 'thinking.budget_tokens': required when thinking.type is "enabled".`, {
        param: 'thinking.budget_tokens',
      });
    }
    return resolveThinkingConfig(upstreamModel, undefined, thinking.budget_tokens);
  }
  if (type === undefined || type === 'disabled') {
    const unrequested = type === undefined && resolveModelFamily(upstreamModel) !== 'claude';
    return hideThoughts(resolveThinkingConfig(upstreamModel, unrequested ? undefined : 'none'));
  }
  const warnings: ConversionWarning[] = [];
  if (type !== 'adaptive') warnings.push(conversionWarning('thinking_adjusted', `thinking.type "${type}" is read as "adaptive"`));
  let effort: ReasoningEffort | undefined;
  if (effortSetting != null) {
    effort = effortByAnthropicEffort[effortSetting];
    if (effort === undefined) warnings.push(conversionWarning('thinking_adjusted', `output_config.effort "${effortSetting}" is unknown; the model's default depth is used`));
  }
  const resolved = resolveThinkingConfig(upstreamModel, effort);
  return { ...resolved, warnings: [...warnings, ...resolved.warnings] };
}

function hideThoughts(resolved: ResolvedThinkingConfig): ResolvedThinkingConfig {
  if (resolved.thinkingConfig === undefined) return resolved;
  return { ...resolved, thinkingConfig: { ...resolved.thinkingConfig, includeThoughts: false } };
}
