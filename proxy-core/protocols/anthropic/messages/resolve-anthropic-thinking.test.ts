import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { resolveAnthropicThinking } from './resolve-anthropic-thinking.js';

describe('resolveAnthropicThinking', () => {
  it.each([
    ['claude-opus-4-6-thinking', undefined, undefined, { warnings: [] }],
    ['claude-opus-4-6-thinking', { type: 'disabled' }, undefined, { warnings: [] }],
    ['claude-opus-4-6-thinking', { type: 'enabled', budget_tokens: 10_000 }, undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 10_000 }, minOutputTokens: 18_192, warnings: [] }],
    ['claude-opus-4-6-thinking', { type: 'adaptive' }, 'xhigh', { thinkingConfig: { includeThoughts: true, thinkingBudget: 24_576 }, minOutputTokens: 32_768, warnings: [] }],
    ['claude-opus-4-6-thinking', { type: 'adaptive' }, undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 }, minOutputTokens: 16_384, warnings: [] }],
    ['gemini-3-flash', undefined, undefined, { thinkingConfig: { includeThoughts: false }, warnings: [] }],
    ['gemini-3-flash', { type: 'enabled', budget_tokens: 31_999 }, undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'high' }, warnings: [] }],
    ['gemini-2.5-flash', { type: 'disabled' }, undefined, { thinkingConfig: { includeThoughts: false, thinkingBudget: 0 }, warnings: [] }],
    ['gemini-3-pro-high', { type: 'between_tools' }, 'low', { thinkingConfig: { includeThoughts: true, thinkingLevel: 'low' }, warnings: [{ code: 'thinking_adjusted', message: 'thinking.type "between_tools" is read as "adaptive"' }] }],
    ['gemini-3-flash', { type: 'adaptive' }, 'extreme', { thinkingConfig: { includeThoughts: true }, warnings: [{ code: 'thinking_adjusted', message: 'output_config.effort "extreme" is unknown; the model\'s default depth is used' }] }],
  ])('%s with %j and effort %s', (model, thinking, effort, expected) => {
    expect(resolveAnthropicThinking(model, thinking, effort)).toEqual(expected);
  });

  it('asks for the budget of enabled thinking', () => {
    expect(() => resolveAnthropicThinking('claude-opus-4-6-thinking', { type: 'enabled' }, undefined)).toThrow(GatewayError);
  });
});
