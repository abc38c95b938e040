import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { parseAnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { convertAnthropicMessagesToGemini as convertForTarget } from './convert-anthropic-messages-to-gemini.js';
import { readAnthropicToolTraits } from './read-anthropic-tool-traits.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

const convertAnthropicMessagesToGemini = withTarget(convertForTarget, (request: Parameters<typeof convertForTarget>[0]) => readAnthropicToolTraits(request.tools));
import { openConverterFixtures } from '../../shared/__fixtures__/converter-fixtures.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';

const fixtures = join(import.meta.dirname, '__fixtures__');

const fixtureFolder = openConverterFixtures(fixtures);

function convertFixture(name: string) {
  const context = fixtureFolder.context(name);
  const request = parseAnthropicMessagesRequest(fixtureFolder.readJson(`${name}.request.json`));
  const converted = convertAnthropicMessagesToGemini(request, {
    upstreamModel: context.upstreamModel ?? 'gemini-3-flash',
    signatures: fixtureFolder.signatureCache(context),
  });
  return { ...converted, toolNames: Object.fromEntries(converted.toolNames) };
}

describe('convertAnthropicMessagesToGemini', () => {
  // Each fixture: <name>.request.json (client body) [+ <name>.context.json (upstream model,
  // cached signatures)] -> <name>.gemini.json ({request, warnings, toolNames}).
  it.each(fixtureFolder.names)('%s', async (name) => {
    const converted = convertFixture(name);
    // The fixtures hold each warning's message; the next test pins the codes.
    const snapshot = { ...converted, warnings: converted.warnings.map((warning) => warning.message) };
    await expect(`${JSON.stringify(snapshot, null, 2)}\n`).toMatchFileSnapshot(fixtureFolder.snapshotPath(name));
  });

  it('labels each warning of the fixtures by kind', () => {
    const codes = Object.fromEntries(
      fixtureFolder.names.flatMap((name) => {
        const { warnings } = convertFixture(name);
        return warnings.length === 0 ? [] : [[name, warnings.map((warning) => warning.code)]];
      }),
    );
    expect(codes).toEqual({
      'claude-code-system': ['field_ignored', 'system_prompt_changed', 'system_prompt_changed'],
      'history-repair': ['content_dropped', 'content_dropped', 'history_repaired', 'history_repaired'],
      media: ['content_dropped', 'content_dropped'],
      'output-format-claude': ['field_ignored'],
      'output-format-gemini': ['thinking_adjusted'],
      sampling: ['stop_sequences_local'],
      'sampling-claude-thinking': ['sampling_dropped', 'sampling_dropped', 'max_tokens_adjusted'],
      'thinking-foreign-signature': ['thinking_dropped', 'thinking_adjusted'],
      'thinking-gemini-target': ['thinking_dropped'],
      'thinking-replay-claude': ['thinking_dropped'],
      'thinking-unsigned-claude': ['thinking_dropped'],
      'tool-choice-any-claude-thinking': ['thinking_adjusted'],
      'tool-choice-tool': ['field_ignored', 'web_search_dropped'],
      'tool-result-blocks': ['history_repaired'],
    });
  });

  const minimal = (extra: Record<string, unknown>) =>
    parseAnthropicMessagesRequest({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], ...extra });
  const convert = (body: ReturnType<typeof minimal>, upstreamModel = 'gemini-3-flash') =>
    convertAnthropicMessagesToGemini(body, { upstreamModel, signatures: createSignatureCache() });

  it('rejects empty content, wrong block types and results without their call', () => {
    expectInvalidRequest(() => convert(minimal({ messages: [{ role: 'user', content: [] }] })), 'messages.0.content');
    expectInvalidRequest(() => convert(minimal({ messages: [{ role: 'user', content: [{ type: 'thinking', thinking: 'x', signature: 's' }] }] })), 'messages.0.content.0.type');
    expectInvalidRequest(
      () => convert(minimal({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }] })),
      'messages.1.content.0.type',
    );
    expectInvalidRequest(() => convert(minimal({ messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope' }] }] })), 'messages.0.content.0.tool_use_id');
  });

  it('rejects tool definitions and choices the client got wrong', () => {
    const tool = { name: 'a', input_schema: { type: 'object' } };
    expectInvalidRequest(() => convert(minimal({ tools: [tool, tool] })), 'tools.1.name');
    expectInvalidRequest(() => convert(minimal({ tools: [{ name: 'a', input_schema: { type: 'string' } }] })), 'tools.0.input_schema');
    expectInvalidRequest(() => convert(minimal({ tools: [tool], tool_choice: { type: 'tool', name: 'b' } })), 'tool_choice.name');
    expectInvalidRequest(() => convert(minimal({ tool_choice: { type: 'any' } })), 'tool_choice');
    expectInvalidRequest(() => convert(minimal({ thinking: { type: 'enabled' } })), 'thinking.budget_tokens');
  });

  it('lets a forced choice of a dropped server tool through as a free choice', () => {
    const converted = convert(minimal({ tools: [{ type: 'bash_20250124', name: 'bash' }], tool_choice: { type: 'tool', name: 'bash' } }));
    expect(converted.request.tools).toBeUndefined();
    expect(converted.warnings).toEqual([
      { code: 'tool_dropped', message: expect.stringMatching(/bash/) },
      { code: 'field_ignored', message: expect.stringMatching(/bash/) },
    ]);
  });

  it('answers web search alone with Google Search grounding, on a Gemini model', () => {
    const search = minimal({ tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }], tool_choice: { type: 'tool', name: 'web_search' } });
    const onGemini = convert(search);
    expect(convert(minimal({ tools: [{ type: 'web_search_20250305', name: 'web_search', allowed_domains: ['example.com'] }] })).warnings).toEqual([
      { code: 'field_ignored', message: expect.stringContaining('allowed_domains: Google Search takes no domain list') },
    ]);
    expect(onGemini.request.tools).toEqual([{ googleSearch: {} }]);
    expect(onGemini.request.toolConfig).toBeUndefined();
    expect(onGemini.upstreamModel).toBe('gemini-3-flash');
    // Claude cannot ground: the search runs on the search model, with that model's settings.
    const onClaude = convert(search, 'claude-sonnet-4-5-thinking');
    expect(onClaude.upstreamModel).toBe('gemini-2.5-flash');
    expect(onClaude.request.tools).toEqual([{ googleSearch: {} }]);
    expect(JSON.stringify(onClaude.request.generationConfig ?? {})).not.toContain('thinking_budget');
  });

  it('keeps the functions and drops web search next to them, on the model asked for', () => {
    const converted = convert(
      minimal({ tools: [{ type: 'web_search_20250305', name: 'web_search' }, { name: 'Read', input_schema: { type: 'object' } }] }),
      'claude-sonnet-4-5',
    );
    expect(converted.upstreamModel).toBe('claude-sonnet-4-5');
    expect(JSON.stringify(converted.request.tools)).not.toContain('googleSearch');
    expect(converted.warnings).toContainEqual({ code: 'web_search_dropped', message: expect.stringMatching(/web search dropped/) });
  });

  it('turns a request of only system messages into the user message', () => {
    const { request } = convert(minimal({ messages: [{ role: 'system', content: 'Only instructions.' }] }));
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'Only instructions.' }] }]);
  });

  it('never sends Claude the skip signature and never sends Gemini a Claude signature', () => {
    const cache = createSignatureCache();
    cache.rememberToolCall('toolu_1', 'claude-signature-'.repeat(4), 'claude');
    const body = minimal({
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    });
    const toGemini = convertAnthropicMessagesToGemini(body, { upstreamModel: 'gemini-3-flash', signatures: cache });
    expect(toGemini.request.contents[1]?.parts[0]?.thoughtSignature).toBe('skip_thought_signature_validator');
    const toClaude = convertAnthropicMessagesToGemini(body, { upstreamModel: 'claude-sonnet-4-5', signatures: createSignatureCache() });
    expect(toClaude.request.contents[1]?.parts[0]?.thoughtSignature).toBeUndefined();
  });
});
