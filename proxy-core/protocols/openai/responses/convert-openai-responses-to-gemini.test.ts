import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../errors/gateway-error.js';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { locateOpenAIResponsesInput } from './convert-openai-responses-input.js';
import { convertOpenAIResponsesToGemini as convertForTarget } from './convert-openai-responses-to-gemini.js';
import { readOpenAIResponsesToolTraits } from './read-openai-responses-tool-traits.js';
import { converterTarget, type TestConversionContext } from '../../shared/__fixtures__/converter-target.js';

/** Converted as the gateway does: the target first (converter-target.ts), the model called reported beside the result. */
function convertOpenAIResponsesToGemini(request: Parameters<typeof convertForTarget>[0], items: Parameters<typeof convertForTarget>[1], context: TestConversionContext) {
  const target = converterTarget(context.upstreamModel, readOpenAIResponsesToolTraits(request.tools), context.webSearch === true);
  return { upstreamModel: target.model, ...convertForTarget(request, items, { target, signatures: context.signatures }) };
}
import { parseOpenAIResponsesRequest, type OpenAIResponsesRequest } from './openai-responses-request-schema.js';
import { openConverterFixtures } from '../../shared/__fixtures__/converter-fixtures.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';
import { listFunctionDeclarations } from '../../gemini/list-function-declarations.js';

const fixtures = join(import.meta.dirname, '__fixtures__');

const fixtureFolder = openConverterFixtures(fixtures);
const readJson = fixtureFolder.readJson;

function convert(request: OpenAIResponsesRequest, upstreamModel = 'gemini-3-flash', signatures = createSignatureCache()) {
  return convertOpenAIResponsesToGemini(request, locateOpenAIResponsesInput(request.input), { upstreamModel, signatures });
}

describe('convertOpenAIResponsesToGemini', () => {
  // Each fixture: <name>.request.json (client body) + <name>.context.json (upstream model; the
  // signature cache is empty, so every signature comes from the items) -> <name>.gemini.json.
  it.each(fixtureFolder.names)('%s', async (name) => {
    const context = readJson(`${name}.context.json`) as { upstreamModel: string };
    const converted = convert(parseOpenAIResponsesRequest(readJson(`${name}.request.json`)), context.upstreamModel);
    // The fixtures hold each warning's message; the codes are pinned by 'labels each warning of the fixtures by kind'.
    const snapshot = { request: converted.request, warnings: converted.warnings.map((warning) => warning.message), toolTargets: Object.fromEntries(converted.toolTargets) };
    await expect(`${JSON.stringify(snapshot, null, 2)}\n`).toMatchFileSnapshot(fixtureFolder.snapshotPath(name));
  });

  it('labels each warning of the fixtures by kind', () => {
    const codes = Object.fromEntries(
      fixtureFolder.names.map((name) => {
        const context = readJson(`${name}.context.json`) as { upstreamModel: string };
        return [name, convert(parseOpenAIResponsesRequest(readJson(`${name}.request.json`)), context.upstreamModel).warnings.map((warning) => warning.code)];
      }),
    );
    expect(codes).toEqual({
      'claude-function-round-trip': ['sampling_dropped', 'max_tokens_adjusted'],
      'codex-apply-patch': ['tool_dropped', 'web_search_dropped'],
      'foreign-reasoning': ['thinking_dropped'],
      'local-shell': [],
      'plain-input': ['max_tokens_adjusted'],
    });
  });

  it('restores a Gemini call signature from the reasoning item, not the cache', () => {
    const converted = convert(parseOpenAIResponsesRequest(readJson('codex-apply-patch.request.json')));
    const call = converted.request.contents.flatMap((content) => content.parts).find((part) => part.functionCall?.name === 'apply_patch');
    expect(call?.thoughtSignature).toBe('sig-gemini-patch');
    expect(call?.functionCall?.args).toEqual({ input: '*** Begin Patch\n*** Add File: hello.txt\n+hello world\n*** End Patch\n' });
  });

  it('replays signed Claude thinking from the reasoning item', () => {
    const converted = convert(parseOpenAIResponsesRequest(readJson('claude-function-round-trip.request.json')), 'claude-sonnet-4-5-thinking');
    const modelTurn = converted.request.contents.find((content) => content.role === 'model');
    expect(modelTurn?.parts[0]).toEqual({ thought: true, text: 'Two cities, two calls.', thoughtSignature: 'sig-claude-thinking' });
    expect(converted.request.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 1024 });
  });

  it('does not let a signature cross model families', () => {
    const converted = convert(parseOpenAIResponsesRequest(readJson('codex-apply-patch.request.json')), 'claude-sonnet-4-5');
    const call = converted.request.contents.flatMap((content) => content.parts).find((part) => part.functionCall?.name === 'apply_patch');
    expect(call?.thoughtSignature).toBeUndefined();
  });

  it('refuses an output whose call never came', () => {
    const request = parseOpenAIResponsesRequest({
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'hi' },
        { type: 'function_call_output', call_id: 'call_missing', output: 'x' },
      ],
    });
    expectInvalidRequest(() => convert(request), 'input[1].call_id', /call_missing/);
  });

  it('grounds a forced web search that is the only tool, and warns that a domain filter cannot be applied', () => {
    const converted = convert(
      parseOpenAIResponsesRequest({ model: 'm', input: 'hi', tools: [{ type: 'web_search', filters: { allowed_domains: ['example.com'] } }], tool_choice: { type: 'web_search' } }),
    );
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
    expect(converted.request.toolConfig).toBeUndefined();
    expect(converted.warnings).toEqual([{ code: 'field_ignored', message: expect.stringContaining('filters.allowed_domains: Google Search takes no domain list') }]);
  });

  it('refuses a forced hosted tool and required with no tools', () => {
    expectInvalidRequest(() => convert(parseOpenAIResponsesRequest({ model: 'm', input: 'hi', tools: [{ type: 'file_search' }], tool_choice: { type: 'file_search' } })), 'tool_choice', /required but no tools/);
    expectInvalidRequest(
      () => convert(parseOpenAIResponsesRequest({ model: 'm', input: 'hi', tools: [{ type: 'function', name: 'f' }], tool_choice: { type: 'web_search' } })),
      'tool_choice.type',
      /cannot be forced/,
    );
  });

  it('refuses duplicate tool names and a non-object parameter schema', () => {
    expectInvalidRequest(
      () => convert(parseOpenAIResponsesRequest({ model: 'm', input: 'hi', tools: [{ type: 'function', name: 'f' }, { type: 'custom', name: 'f' }] })),
      'tools[1].name',
      /duplicate/,
    );
    expectInvalidRequest(
      () => convert(parseOpenAIResponsesRequest({ model: 'm', input: 'hi', tools: [{ type: 'function', name: 'f', parameters: { type: 'string' } }] })),
      'tools[0].parameters',
      /type "object"/,
    );
  });

  it('names the item at fault when its content is refused', () => {
    const request = parseOpenAIResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'first' },
        { role: 'user', content: [{ type: 'input_image', image_url: 'file:///etc/passwd' }] },
      ],
    });
    expectInvalidRequest(() => convert(request), 'input[1].content[0].image_url.url', /input\[1\]\.content\[0\]\.image_url\.url/);
  });

  it('drops the items of hosted tools with a warning', () => {
    const converted = convert(
      parseOpenAIResponsesRequest({
        model: 'm',
        input: [
          { role: 'user', content: 'search it' },
          { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'x' } },
          { role: 'assistant', content: 'Found it.' },
        ],
      }),
    );
    expect(converted.request.contents.map((content) => content.role)).toEqual(['user', 'model']);
    expect(converted.warnings).toEqual([{ code: 'content_dropped', message: "input[1]: web_search_call items (OpenAI's hosted tools) have no upstream equivalent; dropped" }]);
  });

  it('narrows the declarations to allowed_tools', () => {
    const converted = convert(
      parseOpenAIResponsesRequest({
        model: 'm',
        input: 'hi',
        tools: [{ type: 'function', name: 'a' }, { type: 'function', name: 'b' }],
        tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'b' }] },
      }),
    );
    expect(listFunctionDeclarations(converted.request.tools).map((declaration) => declaration.name)).toEqual(['b']);
    expect(converted.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
  });
});

describe('parseOpenAIResponsesRequest', () => {
  it.each([
    [{ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type'],
    [{ model: 'm', input: [{ type: 'message', role: 'robot', content: 'x' }] }, 'input[0].role'],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_audio', data: 'x' }] }] }, 'input[0].content[0].type'],
    [{ model: 'm', input: 'x', reasoning: { effort: 'extreme' } }, 'reasoning.effort'],
    [{ model: 'm', input: 'x', conversation: 'conv_1' }, 'conversation'],
  ])('names the field at fault: %j -> %s', (body, param) => {
    try {
      parseOpenAIResponsesRequest(body);
    } catch (error) {
      expect((error as GatewayError).param).toBe(param);
      return;
    }
    throw new Error('expected a GatewayError');
  });

  it('reads an easy message (no type) as a message item', () => {
    const request = parseOpenAIResponsesRequest({ model: 'm', input: [{ role: 'user', content: 'hi' }] });
    expect(request.input).toEqual([{ type: 'message', role: 'user', content: 'hi' }]);
  });
});
