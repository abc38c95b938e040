import { describe, expect, it } from 'vitest';
import { conversionWarning } from '../../canonical/conversion-warning.js';
import type { GeminiContent } from '../../canonical/gemini-schemas.js';
import { resolveTarget, type ToolTraits } from '../../mapping/resolve-target.js';
import { createSignatureCache } from '../../signatures/signature-cache.js';
import { resolveThinkingConfig } from '../gemini/resolve-thinking-config.js';
import { buildGeminiRequest, type GeminiRequestSteps, type PreparedGeminiTools, type ConvertedGeminiHistory } from './build-gemini-request.js';

const target = (model: string, tools: ToolTraits = { searchTool: false, functionTools: false }, byName = false) =>
  resolveTarget({ requested: model, model, rule: { kind: 'passthrough' }, webSearch: byName }, tools);

/** A protocol whose steps record what they were given and return fixed pieces. */
function steps(overrides: Partial<GeminiRequestSteps<PreparedGeminiTools, ConvertedGeminiHistory>> = {}) {
  const seen: string[] = [];
  const spec: GeminiRequestSteps<PreparedGeminiTools, ConvertedGeminiHistory> = {
    requestWarnings: [conversionWarning('field_ignored', 'ignored: service_tier')],
    prepareTools({ family, toolNames }) {
      seen.push(`tools for ${family}: ${toolNames.toUpstream('read file')}`);
      return { warnings: [conversionWarning('field_ignored', 'parallel_tool_calls ignored')] };
    },
    convertHistory({ family, toolNames }) {
      // A name the tools step declared keeps the upstream name it claimed there.
      seen.push(`history for ${family}: ${toolNames.toUpstream('read file')} ${toolNames.toUpstream('read_file')}`);
      return { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], systemInstruction: { role: 'user', parts: [{ text: 'be brief' }] }, warnings: [conversionWarning('content_dropped', 'image dropped')] };
    },
    resolveThinking(model) {
      seen.push(`thinking for ${model}`);
      return resolveThinkingConfig(model, 'low');
    },
    prepareGenerationConfig({ family, thinkingConfig, minOutputTokens, outputTokenLimit }) {
      seen.push(`generation for ${family}: ${JSON.stringify({ thinkingConfig, minOutputTokens, outputTokenLimit })}`);
      return { generationConfig: { temperature: 0.2, ...(thinkingConfig === undefined ? {} : { thinkingConfig }) }, warnings: [conversionWarning('max_tokens_adjusted', 'max tokens raised')] };
    },
    ...overrides,
  };
  return { spec, seen };
}

describe('buildGeminiRequest', () => {
  it('runs the steps in order for the target model and assembles the request, warnings in step order', () => {
    const { spec, seen } = steps();
    const built = buildGeminiRequest({ target: target('gemini-2.5-flash'), signatures: createSignatureCache() }, spec);
    expect(seen).toEqual([
      'tools for gemini: read_file',
      'history for gemini: read_file read_file_2',
      'thinking for gemini-2.5-flash',
      'generation for gemini: {"thinkingConfig":{"includeThoughts":true,"thinkingBudget":1024},"minOutputTokens":9216,"outputTokenLimit":65536}',
    ]);
    expect(built.request).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { role: 'user', parts: [{ text: 'be brief' }] },
      generationConfig: { temperature: 0.2, thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
      safetySettings: expect.any(Array),
    });
    expect(built.warnings.map((warning) => warning.message)).toEqual(['ignored: service_tier', 'parallel_tool_calls ignored', 'image dropped', 'max tokens raised']);
    expect(built.family).toBe('gemini');
    expect(built.toolNames.originalBySanitized).toEqual(new Map([['read_file', 'read file'], ['read_file_2', 'read_file']]));
  });

  it('turns Claude thinking off, with a warning after the history, when the open tool loop has no signed thinking', () => {
    const loop: GeminiContent[] = [
      { role: 'user', parts: [{ text: 'list files' }] },
      { role: 'model', parts: [{ functionCall: { name: 'ls', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'ls', response: { result: 'a' } } }] },
    ];
    const { spec, seen } = steps({ convertHistory: () => ({ contents: loop, warnings: [] }) });
    const built = buildGeminiRequest({ target: target('claude-sonnet-4-5-thinking'), signatures: createSignatureCache() }, spec);
    expect(seen.at(-1)).toBe('generation for claude: {}');
    expect(built.request.generationConfig).toEqual({ temperature: 0.2 });
    expect(built.warnings.map((warning) => warning.code)).toEqual(['field_ignored', 'field_ignored', 'thinking_adjusted', 'max_tokens_adjusted']);
  });

  it('grounds with Google Search when the target searches, and drops the search beside functions with the last warning', () => {
    const searchOnly = buildGeminiRequest({ target: target('gemini-3-flash', { searchTool: true, functionTools: false }), signatures: createSignatureCache() }, steps().spec);
    expect(searchOnly.request.tools).toEqual([{ googleSearch: {} }]);
    expect(searchOnly.warnings.some((warning) => warning.code === 'web_search_dropped')).toBe(false);

    const functions = [{ functionDeclarations: [{ name: 'read_file' }] }];
    const withFunctions = buildGeminiRequest(
      { target: target('gemini-3-flash-online', { searchTool: false, functionTools: true }, true), signatures: createSignatureCache() },
      steps({ prepareTools: () => ({ tools: functions, toolConfig: { functionCallingConfig: { mode: 'AUTO' } }, warnings: [] }) }).spec,
    );
    expect(withFunctions.request.tools).toEqual(functions);
    expect(withFunctions.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(withFunctions.warnings.at(-1)?.code).toBe('web_search_dropped');

    const noSearch = buildGeminiRequest({ target: target('gemini-3-flash'), signatures: createSignatureCache() }, steps().spec);
    expect(noSearch.request).not.toHaveProperty('tools');
  });
});
