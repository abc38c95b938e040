import { describe, expect, it } from 'vitest';
import { resolveThinkingConfig, type ReasoningEffort } from './resolve-thinking-config.js';

type Case = [model: string, effort: ReasoningEffort | undefined, budget: number | undefined, expected: ReturnType<typeof resolveThinkingConfig>];

describe('resolveThinkingConfig', () => {
  it.each<Case>([
    // Gemini 3: levels; thinking cannot be turned off; Pro has only low and high.
    ['gemini-3-flash', undefined, undefined, { thinkingConfig: { includeThoughts: true }, warnings: [] }],
    ['gemini-3-flash', 'minimal', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'minimal' }, warnings: [] }],
    ['gemini-3-flash', 'medium', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'medium' }, warnings: [] }],
    ['gemini-3-flash', 'none', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'minimal' }, warnings: [{ code: 'thinking_adjusted', message: 'gemini-3-flash cannot turn thinking off; using its lowest thinking level' }] }],
    ['gemini-3-pro-high', 'minimal', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'low' }, warnings: [] }],
    ['gemini-3-pro-low', 'medium', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'high' }, warnings: [] }],
    ['gemini-3.1-pro-high', 'high', undefined, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'high' }, warnings: [] }],
    ['gemini-3-flash', 'minimal', 6000, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'medium' }, warnings: [] }],
    ['gemini-3-flash', undefined, 1024, { thinkingConfig: { includeThoughts: true, thinkingLevel: 'low' }, warnings: [] }],
    // Gemini 2.5: budgets; Flash can turn thinking off, Pro cannot.
    ['gemini-2.5-flash', undefined, undefined, { thinkingConfig: { includeThoughts: true }, warnings: [] }],
    ['gemini-2.5-flash', 'none', undefined, { thinkingConfig: { includeThoughts: false, thinkingBudget: 0 }, warnings: [] }],
    ['gemini-2.5-flash-lite', 'low', undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 }, minOutputTokens: 9216, warnings: [] }],
    ['gemini-2.5-pro', 'high', undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 24576 }, minOutputTokens: 32768, warnings: [] }],
    ['gemini-2.5-pro', 'none', undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 128 }, minOutputTokens: 8320, warnings: [{ code: 'thinking_adjusted', message: 'gemini-2.5-pro cannot turn thinking off; using the minimum thinking budget 128' }] }],
    ['gemini-2.5-flash', 'high', 2000, { thinkingConfig: { includeThoughts: true, thinkingBudget: 2000 }, minOutputTokens: 10192, warnings: [] }],
    ['gemini-2.5-flash', undefined, -1, { thinkingConfig: { includeThoughts: true, thinkingBudget: -1 }, warnings: [] }],
    // Claude thinking models: budget (default 8192, minimum 1024), max output above it.
    ['claude-sonnet-4-5-thinking', undefined, undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 }, minOutputTokens: 16384, warnings: [] }],
    ['claude-opus-4-5-thinking', 'minimal', undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 }, minOutputTokens: 9216, warnings: [] }],
    ['claude-opus-4-5-thinking', 'high', undefined, { thinkingConfig: { includeThoughts: true, thinkingBudget: 24576 }, minOutputTokens: 32768, warnings: [] }],
    ['claude-sonnet-4-5-thinking', 'none', undefined, { warnings: [] }],
    ['claude-sonnet-4-5-thinking', undefined, 500, { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 }, minOutputTokens: 9216, warnings: [{ code: 'thinking_adjusted', message: "thinking budget 500 raised to Claude's minimum of 1024" }] }],
    // Non-thinking models.
    ['claude-sonnet-4-5', 'high', undefined, { warnings: [{ code: 'thinking_adjusted', message: 'claude-sonnet-4-5 does not support thinking; the reasoning setting is ignored' }] }],
    ['claude-sonnet-4-5', 'none', undefined, { warnings: [] }],
    ['claude-sonnet-4-5', undefined, undefined, { warnings: [] }],
    ['gemini-3-pro-image', 'low', undefined, { warnings: [{ code: 'thinking_adjusted', message: 'gemini-3-pro-image does not support thinking; the reasoning setting is ignored' }] }],
    ['gpt-oss-120b-medium', undefined, undefined, { warnings: [] }],
    ['gemini-2.0-flash', 'high', undefined, { warnings: [{ code: 'thinking_adjusted', message: 'gemini-2.0-flash does not support thinking; the reasoning setting is ignored' }] }],
  ])('%s effort=%s budget=%s', (model, effort, budget, expected) => {
    expect(resolveThinkingConfig(model, effort, budget)).toEqual(expected);
  });
});
