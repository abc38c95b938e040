/**
 * Client sampling settings -> Gemini `generationConfig` sampling fields. With thinking on,
 * Claude accepts only temperature 1, top_p from 0.95 and no top_k (Anthropic extended thinking
 * docs, https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility),
 * so other values are dropped with a warning rather than sent to be refused.
 */
import type { GeminiGenerationConfig } from '../../canonical/gemini-schemas.js';
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

export interface SamplingSettings {
  temperature?: number | null | undefined;
  topP?: number | null | undefined;
  topK?: number | null | undefined;
}

const claudeThinkingMinimumTopP = 0.95;

export function prepareSamplingConfig(
  settings: SamplingSettings,
  context: { claudeThinking: boolean },
  warnings: ConversionWarning[],
): Pick<GeminiGenerationConfig, 'temperature' | 'topP' | 'topK'> {
  const config: Pick<GeminiGenerationConfig, 'temperature' | 'topP' | 'topK'> = {};
  const { claudeThinking } = context;
  if (settings.temperature != null) {
    if (claudeThinking && settings.temperature !== 1) {
      warnings.push(conversionWarning('sampling_dropped', `temperature ${settings.temperature} dropped: Claude only accepts 1 while thinking`));
    } else config.temperature = settings.temperature;
  }
  if (settings.topP != null) {
    if (claudeThinking && settings.topP < claudeThinkingMinimumTopP) {
      warnings.push(conversionWarning('sampling_dropped', `top_p ${settings.topP} dropped: Claude only accepts ${claudeThinkingMinimumTopP} to 1 while thinking`));
    } else config.topP = settings.topP;
  }
  if (settings.topK != null) {
    if (claudeThinking) warnings.push(conversionWarning('sampling_dropped', `top_k ${settings.topK} dropped: Claude does not accept it while thinking`));
    else config.topK = settings.topK;
  }
  return config;
}
