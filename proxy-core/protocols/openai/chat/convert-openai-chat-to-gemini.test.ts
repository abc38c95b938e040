import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { convertOpenAIChatToGemini as convertForTarget } from './convert-openai-chat-to-gemini.js';
import { readOpenAIChatToolTraits } from './read-openai-chat-tool-traits.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

const convertOpenAIChatToGemini = withTarget(convertForTarget, readOpenAIChatToolTraits);
import { parseOpenAIChatRequest } from './openai-chat-request-schema.js';
import { openConverterFixtures } from '../../shared/__fixtures__/converter-fixtures.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';
import { listFunctionDeclarations } from '../../gemini/list-function-declarations.js';

const fixtures = join(import.meta.dirname, '__fixtures__');

const fixtureFolder = openConverterFixtures(fixtures);

function convertFixture(name: string) {
  const context = fixtureFolder.context(name);
  const request = parseOpenAIChatRequest(fixtureFolder.readJson(`${name}.request.json`));
  const converted = convertOpenAIChatToGemini(request, {
    upstreamModel: context.upstreamModel ?? 'gemini-3-flash',
    signatures: fixtureFolder.signatureCache(context),
  });
  return { ...converted, toolNames: Object.fromEntries(converted.toolNames) };
}

describe('convertOpenAIChatToGemini', () => {
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
      'assistant-first': ['history_repaired'],
      'effort-claude-non-thinking': ['thinking_adjusted'],
      'effort-claude-thinking': ['max_tokens_adjusted'],
      'effort-gemini-25-pro': ['max_tokens_adjusted'],
      'media-parts': ['content_dropped', 'content_dropped'],
      'media-parts-claude': ['content_dropped', 'content_dropped', 'content_dropped'],
      'orphan-and-interrupted-tools': ['history_repaired', 'history_repaired', 'history_repaired', 'history_repaired'],
      'reasoning-replay-claude': ['thinking_dropped'],
      'system-only': ['history_repaired'],
      'tool-choice-auto': ['field_ignored'],
      'tool-choice-forced-claude-thinking': ['thinking_adjusted'],
      'tool-round-trip-claude-finished-loop': ['thinking_dropped'],
      'tool-round-trip-claude-signed': ['max_tokens_adjusted'],
      'tool-round-trip-claude-unsigned': ['thinking_dropped', 'thinking_adjusted'],
      'tool-round-trip-gemini': ['content_dropped'],
    });
  });

  const minimal = (extra: Record<string, unknown>) =>
    parseOpenAIChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...extra });
  const convert = (body: ReturnType<typeof minimal>, upstreamModel = 'gemini-3-flash') =>
    convertOpenAIChatToGemini(body, { upstreamModel, signatures: createSignatureCache() });

  it('always sends safety settings OFF and a systemInstruction object, never a string', () => {
    const { request } = convert(parseOpenAIChatRequest({ model: 'm', messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }] }));
    expect(request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'S' }] });
    expect(request.safetySettings?.map((setting) => setting.threshold)).toEqual(['OFF', 'OFF', 'OFF', 'OFF']);
  });

  it('rejects a tool_choice naming a tool that was not given', () => {
    const tools = [{ type: 'function', function: { name: 'a' } }];
    expectInvalidRequest(() => convert(minimal({ tools, tool_choice: { type: 'function', function: { name: 'b' } } })), 'tool_choice.function.name');
  });

  it('rejects tool_choice required without tools', () => {
    expectInvalidRequest(() => convert(minimal({ tool_choice: 'required' })), 'tool_choice');
  });

  it('rejects duplicate tool names and non-object parameter schemas', () => {
    const tool = { type: 'function', function: { name: 'a' } };
    expectInvalidRequest(() => convert(minimal({ tools: [tool, tool] })), 'tools[1].function.name');
    const stringTool = { type: 'function', function: { name: 'a', parameters: { type: 'string' } } };
    expectInvalidRequest(() => convert(minimal({ tools: [stringTool] })), 'tools[0].function.parameters');
  });

  it('rejects image URLs that are neither http(s) nor valid data URLs (no local file reads)', () => {
    const image = (url: string) => minimal({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] });
    expectInvalidRequest(() => convert(image('file:///etc/passwd')), 'messages[0].content[0].image_url.url');
    expectInvalidRequest(() => convert(image('/home/me/cat.png')), 'messages[0].content[0].image_url.url');
    expectInvalidRequest(() => convert(image('data:image/png;base64,***')), 'messages[0].content[0].image_url.url');
  });

  it('rejects a request with nothing to send', () => {
    expectInvalidRequest(() => convert(minimal({ messages: [{ role: 'user', content: '' }, { role: 'assistant', content: null }] })), 'messages');
  });

  it('gives colliding sanitized tool names distinct upstream names that map back', () => {
    const tools = ['my tool', 'my/tool'].map((name) => ({ type: 'function', function: { name } }));
    const { request, toolNames } = convert(minimal({ tools }));
    const declared = listFunctionDeclarations(request.tools).map((declaration) => declaration.name);
    expect(declared).toEqual(['my_tool', 'my_tool_2']);
    expect(Object.fromEntries(toolNames)).toEqual({ my_tool: 'my tool', my_tool_2: 'my/tool' });
  });

  it('does not mutate the shared safety settings constant', () => {
    const first = convert(minimal({}));
    first.request.safetySettings?.splice(0);
    expect(convert(minimal({})).request.safetySettings).toHaveLength(4);
  });
});
