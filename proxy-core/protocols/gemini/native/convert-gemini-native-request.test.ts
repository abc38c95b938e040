import { describe, expect, it } from 'vitest';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { convertGeminiNativeRequest as convertForTarget } from './convert-gemini-native-request.js';
import { readGeminiNativeToolTraits } from './read-gemini-native-tool-traits.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

const convertGeminiNativeRequest = withTarget(convertForTarget, readGeminiNativeToolTraits);
import { parseGeminiNativeCountTokensRequest, parseGeminiNativeGenerateRequest } from './gemini-native-request-schema.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';

const convert = (body: unknown, upstreamModel = 'gemini-3-flash', signatures = createSignatureCache()) =>
  convertGeminiNativeRequest(parseGeminiNativeGenerateRequest(body), { upstreamModel, signatures });

const user = (text: string) => ({ role: 'user', parts: [{ text }] });

describe('convertGeminiNativeRequest', () => {
  it('passes the body through, with safety off and the default thinking', () => {
    const converted = convert({
      contents: [user('Hi')],
      systemInstruction: 'Be kind.',
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' }],
      generationConfig: { temperature: 0.3, maxOutputTokens: 200, stopSequences: ['END'], responseModalities: ['TEXT'] },
    });
    expect(converted.request).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      systemInstruction: { role: 'user', parts: [{ text: 'Be kind.' }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 200, stopSequences: ['END'], thinkingConfig: { includeThoughts: true } },
      safetySettings: [
        { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' },
        { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' },
        { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' },
        { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' },
      ],
    });
    expect(converted.includeThoughts).toBe(false);
    expect(converted.warnings).toEqual([
      { code: 'field_ignored', message: 'safetySettings replaced: the gateway turns every safety filter off' },
      { code: 'field_ignored', message: 'generationConfig.responseModalities is not supported; dropped' },
    ]);
  });

  it('keeps Gemini signatures, drops another family\'s and fills the missing ones', () => {
    const signatures = createSignatureCache();
    signatures.rememberToolCall('call_b', 'sig-b-cached', 'gemini');
    signatures.rememberToolCall('toolu_c', 'sig-claude', 'claude');
    const converted = convert(
      {
        contents: [
          user('go'),
          { role: 'model', parts: [{ functionCall: { name: 'a', args: {}, id: 'call_a' }, thoughtSignature: 'sig-a-client' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'a', response: { ok: 1 }, id: 'call_a' } }] },
          { role: 'model', parts: [{ functionCall: { name: 'b', args: {}, id: 'call_b' } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'b', response: {} } }] },
          { role: 'model', parts: [{ functionCall: { name: 'c', args: {} }, thoughtSignature: 'sig-claude' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'c', response: {} } }] },
        ],
      },
      'gemini-3-flash',
      signatures,
    );
    const calls = converted.request.contents.filter((content) => content.role === 'model').map((content) => content.parts[0]);
    expect(calls).toEqual([
      { functionCall: { name: 'a', args: {} }, thoughtSignature: 'sig-a-client' },
      { functionCall: { name: 'b', args: {} }, thoughtSignature: 'sig-b-cached' },
      { functionCall: { name: 'c', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
    ]);
  });

  it('pairs Claude calls and results by id and replays only signed thoughts', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('Plan.', 'sig-claude-plan', 'claude');
    const converted = convert(
      {
        contents: [
          user('weather?'),
          {
            role: 'model',
            parts: [
              { text: 'Plan.', thought: true, thoughtSignature: 'sig-claude-plan' },
              { text: 'unsigned thought', thought: true },
              { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
              { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'toolu_given' } },
            ],
          },
          { role: 'function', parts: [{ functionResponse: { name: 'get_weather', response: { t: 1 } } }, { functionResponse: { name: 'get_weather', response: { t: 2 }, id: 'toolu_given' } }] },
        ],
      },
      'claude-sonnet-4-5-thinking',
      signatures,
    );
    expect(converted.request.contents[1]?.parts).toEqual([
      { thought: true, text: 'Plan.', thoughtSignature: 'sig-claude-plan' },
      { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'toolu_skyport_1_2' } },
      { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'toolu_given' } },
    ]);
    expect(converted.request.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { t: 1 }, id: 'toolu_skyport_1_2' } },
        { functionResponse: { name: 'get_weather', response: { t: 2 }, id: 'toolu_given' } },
      ],
    });
    expect(converted.warnings).toContainEqual({ code: 'thinking_dropped', message: '1 past thought part(s) not sent: unsigned or signed by another model family' });
  });

  it('cleans tool schemas given in Gemini (OBJECT) or JSON Schema spelling', () => {
    const converted = convert({
      contents: [user('hi')],
      tools: [
        {
          functionDeclarations: [
            { name: 'a', parameters: { type: 'OBJECT', properties: { x: { type: 'STRING' } }, required: ['x'] } },
            { name: 'b', parametersJsonSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { y: { type: ['integer', 'null'], default: 1 } }, additionalProperties: false } },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a'] } },
    });
    expect(converted.request.tools).toEqual([
      {
        functionDeclarations: [
          { name: 'a', parameters: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } },
          { name: 'b', parameters: { type: 'object', properties: { y: { type: 'integer', nullable: true, description: '(default: 1)' } } } },
        ],
      },
    ]);
    expect(converted.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a'] } });
  });

  it('translates thinking settings for the target model', () => {
    const thinking = (upstreamModel: string, thinkingConfig: Record<string, unknown>) =>
      convert({ contents: [user('hi')], generationConfig: { thinkingConfig } }, upstreamModel).request.generationConfig?.thinkingConfig;
    expect(thinking('gemini-3-pro-high', { thinkingLevel: 'LOW', includeThoughts: true })).toEqual({ includeThoughts: true, thinkingLevel: 'low' });
    expect(thinking('gemini-3-flash', { thinkingBudget: 20000 })).toEqual({ includeThoughts: true, thinkingLevel: 'high' });
    expect(thinking('gemini-2.5-flash', { thinkingBudget: 0 })).toEqual({ includeThoughts: false, thinkingBudget: 0 });
    expect(thinking('claude-sonnet-4-5-thinking', { thinkingBudget: 0 })).toBeUndefined();
    expect(convert({ contents: [user('hi')], generationConfig: { thinkingConfig: { includeThoughts: true } } }).includeThoughts).toBe(true);
  });

  it('passes googleSearch on, alone, and moves a search for a non-Gemini model to the search model', () => {
    expect(convert({ contents: [user('hi')], tools: [{ googleSearch: {} }] }).request.tools).toEqual([{ googleSearch: {} }]);
    const onClaude = convert({ contents: [user('hi')], tools: [{ google_search: {} }] }, 'claude-sonnet-4-5');
    expect(onClaude.upstreamModel).toBe('gemini-2.5-flash');
    expect(onClaude.request.tools).toEqual([{ googleSearch: {} }]);
  });

  it('serves the functions and drops the search, with a warning, when both are sent (Cline)', () => {
    const both = convert({ contents: [user('hi')], tools: [{ googleSearch: {} }, { functionDeclarations: [{ name: 'f' }, { name: 'g' }] }] }, 'claude-sonnet-4-5');
    // The model asked for stays: no search runs, so no move to the search model.
    expect(both.upstreamModel).toBe('claude-sonnet-4-5');
    expect(both.request.tools).toEqual([{ functionDeclarations: [{ name: 'f', parameters: expect.anything() }, { name: 'g', parameters: expect.anything() }] }]);
    expect(both.warnings).toEqual([{ code: 'web_search_dropped', message: 'web search dropped: the upstream cannot search the web and call functions in one request' }]);
    const snakeCase = convert({ contents: [user('hi')], tools: [{ google_search: {} }, { functionDeclarations: [{ name: 'f' }] }] });
    expect(JSON.stringify(snakeCase.request.tools)).not.toMatch(/google_?search/i);
    expect(snakeCase.warnings).toHaveLength(1);
  });

  it('refuses what the upstream cannot serve', () => {
    expectInvalidRequest(() => convert({ contents: [user('hi')], tools: [{ codeExecution: {} }] }), 'tools[0].codeExecution', /only functionDeclarations and googleSearch/);
    expectInvalidRequest(() => convert({ contents: [user('hi')], cachedContent: 'cachedContents/abc' }), 'cachedContent', /not supported/);
    expectInvalidRequest(() => convert({ contents: [{ role: 'user', parts: [{ executableCode: { code: 'x' } }] }] }), 'contents[0].parts[0]', /must have one of/);
    expectInvalidRequest(() => convert({ contents: [{ role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] }), 'contents[0].parts[0]', /only one of/);
    expectInvalidRequest(() => convert({ contents: [user('hi')], generationConfig: { candidateCount: 2 } }), 'generationConfig.candidateCount', /not supported/);
  });
});

describe('parseGeminiNativeCountTokensRequest', () => {
  it('reads contents or a whole generateContentRequest', () => {
    expect(parseGeminiNativeCountTokensRequest({ contents: [user('a')] })).toEqual({ contents: [{ role: 'user', parts: [{ text: 'a' }] }] });
    expect(parseGeminiNativeCountTokensRequest({ generateContentRequest: { contents: [user('b')], systemInstruction: 'x' } })).toMatchObject({ systemInstruction: 'x' });
    expectInvalidRequest(() => parseGeminiNativeCountTokensRequest({}), 'contents', /required/);
    expectInvalidRequest(() => parseGeminiNativeCountTokensRequest({ generateContentRequest: { contents: [] } }), 'generateContentRequest.contents', /at least/);
  });
});

describe('convertGeminiNativeRequest: history', () => {
  it('drops empty text parts with a warning, but keeps a signature-only model part', () => {
    const converted = convert({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }, { text: '  ' }] },
        { role: 'model', parts: [{ text: 'Hello.' }, { text: '', thoughtSignature: 'sig-text' }] },
        user('more'),
      ],
    });
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello.' }, { text: '', thoughtSignature: 'sig-text' }] },
      { role: 'user', parts: [{ text: 'more' }] },
    ]);
    expect(converted.warnings).toEqual([{ code: 'content_dropped', message: 'contents[0].parts[1]: empty text dropped' }]);
  });

  it('never sends a signature on a user part, and reads a role-less or function turn as the user', () => {
    const converted = convert({
      contents: [
        { parts: [{ text: 'a', thoughtSignature: 'sig-user' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: 'function', parts: [{ text: 'c' }] },
      ],
    });
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }] },
      { role: 'model', parts: [{ text: 'b' }] },
      { role: 'user', parts: [{ text: 'c' }] },
    ]);
  });

  it('passes media on with only the fields the upstream takes', () => {
    const converted = convert({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: 'AAAA', displayName: 'x.png' } },
            { fileData: { fileUri: 'https://example.com/a.pdf', mimeType: 'application/pdf' } },
            { fileData: { fileUri: 'https://example.com/b' } },
            { text: 'describe these' },
          ],
        },
      ],
    });
    expect(converted.request.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { fileData: { fileUri: 'https://example.com/a.pdf', mimeType: 'application/pdf' } },
      { fileData: { fileUri: 'https://example.com/b' } },
      { text: 'describe these' },
    ]);
    expect(converted.warnings).toEqual([]);
  });

  it('merges consecutive turns of one role', () => {
    expect(convert({ contents: [user('a'), user('b'), { role: 'model', parts: [{ text: 'c' }] }, { role: 'model', parts: [{ text: 'd' }] }] }).request.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
    ]);
  });

  it('gives Gemini no call ids and no past thoughts, with defaulted args', () => {
    const converted = convert({
      contents: [
        user('go'),
        {
          role: 'model',
          parts: [
            { text: 'Considering.', thought: true, thoughtSignature: 'sig-thought' },
            { functionCall: { name: 'f', id: 'call_1' } },
            { functionCall: { name: 'g', args: { a: 1 } } },
          ],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true }, id: 'call_1' } }, { functionResponse: { name: 'g', response: {} } }] },
      ],
    });
    expect(converted.request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' }, { functionCall: { name: 'g', args: { a: 1 } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true } } }, { functionResponse: { name: 'g', response: {} } }] },
    ]);
    expect(converted.warnings).toEqual([{ code: 'thinking_dropped', message: '1 past thought part(s) not sent: only Claude takes past thoughts' }]);
  });

  it('pairs each Claude result with the first open call of its name, and only with the calls of the last model turn', () => {
    const converted = convert(
      {
        contents: [
          user('go'),
          { role: 'model', parts: [{ functionCall: { name: 'f', args: { n: 1 } } }, { functionCall: { name: 'f', args: { n: 2 } } }, { functionCall: { name: 'g', args: {} } }] },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'f', response: { n: 1 } } },
              { functionResponse: { name: 'f', response: { n: 2 } } },
              { functionResponse: { name: 'f', response: { n: 3 } } },
            ],
          },
          { role: 'model', parts: [{ text: 'and g?' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'g', response: {} } }] },
        ],
      },
      'claude-sonnet-4-5',
    );
    expect(converted.request.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'f', response: { n: 1 }, id: 'toolu_skyport_1_0' } },
      { functionResponse: { name: 'f', response: { n: 2 }, id: 'toolu_skyport_1_1' } },
      { functionResponse: { name: 'f', response: { n: 3 } } },
    ]);
    // A later model turn closes the earlier calls: the g result answers nothing any more.
    expect(converted.request.contents[4]?.parts).toEqual([{ functionResponse: { name: 'g', response: {} } }]);
  });

  it('drops a Claude thought signed by Gemini, and counts it', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('Gemini thought.', 'sig-gemini', 'gemini');
    const converted = convert(
      {
        contents: [
          user('go'),
          { role: 'model', parts: [{ text: 'Gemini thought.', thought: true, thoughtSignature: 'sig-gemini' }, { text: 'Answer.' }] },
          user('next'),
        ],
      },
      'claude-sonnet-4-5-thinking',
      signatures,
    );
    expect(converted.request.contents[1]?.parts).toEqual([{ text: 'Answer.' }]);
    expect(converted.warnings).toContainEqual({ code: 'thinking_dropped', message: '1 past thought part(s) not sent: unsigned or signed by another model family' });
  });

  it('replays a signed Claude thought part that carries no text (only data) as an empty thought, never as the data', () => {
    const converted = convert(
      { contents: [user('go'), { role: 'model', parts: [{ thought: true, thoughtSignature: 'sig-c', inlineData: { mimeType: 'text/plain', data: 'AA' } }] }, user('next')] },
      'claude-sonnet-4-5-thinking',
    );
    expect(converted.request.contents[1]?.parts).toEqual([{ thought: true, text: '', thoughtSignature: 'sig-c' }]);
  });
});

describe('convertGeminiNativeRequest: system instruction, generation settings and tools', () => {
  it('keeps only the text of the system instruction, and leaves it out when none is left', () => {
    const withMedia = convert({
      contents: [user('hi')],
      systemInstruction: { parts: [{ text: 'Be kind.' }, { inlineData: { mimeType: 'image/png', data: 'AA' } }, { text: ' ' }] },
    });
    expect(withMedia.request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'Be kind.' }] });
    expect(withMedia.warnings).toEqual([{ code: 'content_dropped', message: 'systemInstruction: only text parts are kept' }]);
    const textOnly = convert({ contents: [user('hi')], systemInstruction: { role: 'system', parts: [{ text: 'A' }, { text: 'B' }] } });
    expect(textOnly.request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'A' }, { text: 'B' }] });
    expect(textOnly.warnings).toEqual([]);
    const empty = convert({ contents: [user('hi')], systemInstruction: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA' } }] } });
    expect(empty.request.systemInstruction).toBeUndefined();
  });

  it('passes every supported generation setting through', () => {
    const converted = convert({
      contents: [user('hi')],
      generationConfig: {
        topP: 0.5,
        topK: 20,
        candidateCount: 1,
        presencePenalty: 0.1,
        frequencyPenalty: -0.2,
        seed: 9,
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } },
        imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
        stopSequences: [],
      },
    });
    expect(converted.request.generationConfig).toEqual({
      topP: 0.5,
      topK: 20,
      presencePenalty: 0.1,
      frequencyPenalty: -0.2,
      seed: 9,
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { type: 'string' } } },
      thinkingConfig: { includeThoughts: true },
      imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
    });
    expect(converted.warnings).toEqual([]);
  });

  it('sends only the image setting given', () => {
    const imageConfig = (config: Record<string, unknown>) => convert({ contents: [user('hi')], generationConfig: { imageConfig: config } }).request.generationConfig?.imageConfig;
    expect(imageConfig({ aspectRatio: '1:1' })).toEqual({ aspectRatio: '1:1' });
    expect(imageConfig({ imageSize: '4K' })).toEqual({ imageSize: '4K' });
    expect(imageConfig({})).toBeUndefined();
  });

  it('prefers responseJsonSchema and names the field it read in warnings', () => {
    const converted = convert({
      contents: [user('hi')],
      generationConfig: {
        responseSchema: { type: 'string' },
        responseJsonSchema: { type: 'object', properties: { a: { type: ['string', 'integer'] } } },
      },
    });
    expect(converted.request.generationConfig?.responseSchema).toEqual({ type: 'object', properties: { a: { type: 'string', description: '(Accepts: string | integer)' } } });
    expect(converted.warnings).toEqual([{ code: 'schema_simplified', message: 'generationConfig.responseJsonSchema: reduced type union at properties.a (string | integer) to string' }]);
    const legacy = convert({ contents: [user('hi')], generationConfig: { responseSchema: { type: 'OBJECT', properties: { a: { type: ['string', 'integer'] } } } } });
    expect(legacy.request.generationConfig?.responseSchema).toEqual({ type: 'object', properties: { a: { type: 'string', description: '(Accepts: string | integer)' } } });
    expect(legacy.warnings).toEqual([{ code: 'schema_simplified', message: 'generationConfig.responseSchema: reduced type union at properties.a (string | integer) to string' }]);
  });

  it('defaults the function calling mode per family, reads MODE_UNSPECIFIED as unset and drops an empty allow list', () => {
    const toolConfig = (upstreamModel: string, functionCallingConfig?: Record<string, unknown>) =>
      convert(
        { contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', description: 'Does f.' }] }], ...(functionCallingConfig ? { toolConfig: { functionCallingConfig } } : {}) },
        upstreamModel,
      ).request.toolConfig;
    expect(toolConfig('gemini-3-flash')).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(toolConfig('claude-sonnet-4-5')).toEqual({ functionCallingConfig: { mode: 'VALIDATED' } });
    expect(toolConfig('gemini-3-flash', { mode: 'MODE_UNSPECIFIED' })).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(toolConfig('claude-sonnet-4-5', { mode: 'MODE_UNSPECIFIED', allowedFunctionNames: [] })).toEqual({ functionCallingConfig: { mode: 'VALIDATED' } });
    expect(toolConfig('gemini-3-flash', { mode: 'NONE' })).toEqual({ functionCallingConfig: { mode: 'NONE' } });
  });

  it('keeps a declaration\'s description and warns about fields it cannot carry', () => {
    const converted = convert({
      contents: [user('hi')],
      tools: [{ functionDeclarations: [{ name: 'f', description: 'Does f.', behavior: 'NON_BLOCKING', response: { type: 'object' } }, { name: 'g', description: '' }] }],
    });
    expect(converted.request.tools).toEqual([
      { functionDeclarations: [{ name: 'f', description: 'Does f.', parameters: expect.anything() }, { name: 'g', parameters: expect.anything() }] },
    ]);
    expect(converted.warnings).toEqual([
      { code: 'field_ignored', message: 'tools[0].functionDeclarations[0].behavior is not supported; dropped' },
      { code: 'field_ignored', message: 'tools[0].functionDeclarations[0].response is not supported; dropped' },
    ]);
  });

  it('sends no tools for an empty declaration list, and skips tool fields set to null', () => {
    const converted = convert({ contents: [user('hi')], tools: [{ functionDeclarations: [], codeExecution: null }] });
    expect(converted.request.tools).toBeUndefined();
    expect(converted.request.toolConfig).toBeUndefined();
    expect(converted.upstreamModel).toBe('gemini-3-flash');
  });

  it('searches for a model name asking for it (-online), unless functions are declared', () => {
    const signatures = createSignatureCache();
    const byName = convertGeminiNativeRequest(parseGeminiNativeGenerateRequest({ contents: [user('news?')] }), { upstreamModel: 'claude-sonnet-4-5', signatures, webSearch: true });
    expect(byName.upstreamModel).toBe('gemini-2.5-flash');
    expect(byName.request.tools).toEqual([{ googleSearch: {} }]);
    const withFunctions = convertGeminiNativeRequest(parseGeminiNativeGenerateRequest({ contents: [user('news?')], tools: [{ functionDeclarations: [{ name: 'f' }] }] }), {
      upstreamModel: 'claude-sonnet-4-5',
      signatures,
      webSearch: true,
    });
    expect(withFunctions.upstreamModel).toBe('claude-sonnet-4-5');
    expect(withFunctions.warnings).toEqual([{ code: 'web_search_dropped', message: 'web search dropped: the upstream cannot search the web and call functions in one request' }]);
    // A search on a Gemini model stays on that model, with no tool config.
    const onGemini = convert({ contents: [user('news?')], tools: [{ googleSearch: {} }], toolConfig: { functionCallingConfig: { mode: 'ANY' } } }, 'gemini-3-pro-high');
    expect(onGemini.upstreamModel).toBe('gemini-3-pro-high');
    expect(onGemini.request.toolConfig).toBeUndefined();
  });

  it('reads an unspecified thinking level, and a dynamic budget, as the model default', () => {
    const thinking = (upstreamModel: string, thinkingConfig: Record<string, unknown>) =>
      convert({ contents: [user('hi')], generationConfig: { thinkingConfig } }, upstreamModel).request.generationConfig?.thinkingConfig;
    expect(thinking('gemini-3-flash', { thinkingLevel: 'THINKING_LEVEL_UNSPECIFIED', thinkingBudget: 0 })).toEqual(thinking('gemini-3-flash', { thinkingBudget: 0 }));
    expect(thinking('gemini-2.5-flash', { thinkingBudget: -1 })).toEqual(thinking('gemini-2.5-flash', {}));
    expect(thinking('gemini-2.5-flash', { thinkingBudget: 2048 })).toEqual({ includeThoughts: true, thinkingBudget: 2048 });
  });

  it('takes the output token limit and Claude\'s thinking rules into account', () => {
    const claude = convert({ contents: [user('hi')], generationConfig: { thinkingConfig: { thinkingBudget: 4096 }, temperature: 0.2, topK: 5, maxOutputTokens: 100 } }, 'claude-sonnet-4-5-thinking');
    const config = claude.request.generationConfig;
    expect(config?.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 4096 });
    // Claude thinking takes no sampling settings and needs room for the thoughts.
    expect(config?.temperature).toBeUndefined();
    expect(config?.topK).toBeUndefined();
    expect(config?.maxOutputTokens).toBeGreaterThan(4096);
    expect(claude.warnings.length).toBeGreaterThan(0);
  });
});

describe('convertGeminiNativeRequest: pairing Claude results with calls', () => {
  const pairedIds = (calls: Array<Record<string, unknown>>, responses: Array<Record<string, unknown>>) =>
    convert(
      {
        contents: [
          user('go'),
          { role: 'model', parts: calls.map((functionCall) => ({ functionCall: { args: {}, ...functionCall } })) },
          { role: 'user', parts: responses.map((functionResponse) => ({ functionResponse: { response: {}, ...functionResponse } })) },
        ],
      },
      'claude-sonnet-4-5',
    ).request.contents[2]?.parts.map((part) => part.functionResponse?.id);

  it('takes a result with an id off the open calls by that id, so a result without one gets the other call', () => {
    expect(pairedIds([{ name: 'f' }, { name: 'f', id: 'A' }], [{ name: 'f', id: 'A' }, { name: 'f' }])).toEqual(['A', 'toolu_skyport_1_0']);
    expect(pairedIds([{ name: 'f', id: 'A' }, { name: 'f' }], [{ name: 'f', id: 'A' }, { name: 'f' }])).toEqual(['A', 'toolu_skyport_1_1']);
  });

  it('pairs a result with a later open call of its name, and leaves the open calls alone for a result that answers none', () => {
    expect(pairedIds([{ name: 'f' }, { name: 'g' }], [{ name: 'g' }, { name: 'f' }])).toEqual(['toolu_skyport_1_1', 'toolu_skyport_1_0']);
    expect(pairedIds([{ name: 'f' }, { name: 'g' }], [{ name: 'h' }, { name: 'g' }, { name: 'f' }])).toEqual([undefined, 'toolu_skyport_1_1', 'toolu_skyport_1_0']);
  });
});

describe('convertGeminiNativeRequest: settings by family', () => {
  it('sends no generationConfig at all when nothing is set and the model takes no thinking setting', () => {
    expect(convert({ contents: [user('hi')] }, 'claude-sonnet-4-5').request).not.toHaveProperty('generationConfig');
  });

  it('keeps sampling for Gemini thinking and for Claude without thinking; drops it only for Claude thinking', () => {
    const sampling = (upstreamModel: string, thinkingConfig?: Record<string, unknown>) =>
      convert({ contents: [user('hi')], generationConfig: { temperature: 0.5, topP: 0.8, ...(thinkingConfig ? { thinkingConfig } : {}) } }, upstreamModel).request.generationConfig;
    expect(sampling('gemini-2.5-flash', { thinkingBudget: 2048 })).toMatchObject({ temperature: 0.5, topP: 0.8, thinkingConfig: { thinkingBudget: 2048 } });
    expect(sampling('claude-sonnet-4-5')).toMatchObject({ temperature: 0.5, topP: 0.8 });
    const claudeThinking = sampling('claude-sonnet-4-5-thinking', { thinkingBudget: 2048 });
    expect(claudeThinking?.temperature).toBeUndefined();
    expect(claudeThinking?.topP).toBeUndefined();
  });

  it('turns Claude thinking off for an open tool loop with no signed thinking to replay', () => {
    const converted = convert(
      {
        contents: [user('go'), { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] }, { role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }],
        tools: [{ functionDeclarations: [{ name: 'f' }] }],
        generationConfig: { thinkingConfig: { thinkingBudget: 2048 } },
      },
      'claude-sonnet-4-5-thinking',
    );
    expect(converted.request.generationConfig?.thinkingConfig).toBeUndefined();
    expect(converted.warnings).toContainEqual({
      code: 'thinking_adjusted',
      message: 'thinking turned off for this request: the assistant turn of the open tool loop has no signed thinking to replay (Claude requires it)',
    });
  });

  it('names maxOutputTokens when it lowers it to the model\'s limit', () => {
    const converted = convert({ contents: [user('hi')], generationConfig: { maxOutputTokens: 10_000_000 } });
    expect(converted.warnings).toEqual([{ code: 'max_tokens_adjusted', message: expect.stringMatching(/^maxOutputTokens 10000000 lowered to \d+, the most this model answers with$/) }]);
  });

  it('names the schema field it read when a response schema is refused', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 200; depth += 1) schema = { type: 'object', properties: { a: schema } };
    expectInvalidRequest(() => convert({ contents: [user('hi')], generationConfig: { responseJsonSchema: schema } }), 'generationConfig.responseJsonSchema', /^Invalid 'generationConfig\.responseJsonSchema': /);
    expectInvalidRequest(() => convert({ contents: [user('hi')], generationConfig: { responseSchema: schema } }), 'generationConfig.responseSchema');
  });
});

describe('convertGeminiNativeRequest: function declarations', () => {
  it('reads parametersJsonSchema before parameters, and names the field at fault', () => {
    const declared = convert({
      contents: [user('hi')],
      tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { p: { type: 'STRING' } } }, parametersJsonSchema: { type: 'object', properties: { j: { type: 'integer' } } } }] }],
    });
    expect(declared.request.tools).toEqual([{ functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: { j: { type: 'integer' } } } }] }]);
    expect(declared.warnings).toEqual([]);
    expectInvalidRequest(
      () => convert({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'string' } }] }] }),
      'tools[0].functionDeclarations[0].parametersJsonSchema',
      /^Invalid 'tools\[0\]\.functionDeclarations\[0\]\.parametersJsonSchema': the schema must be of type "object", got "string"\.$/,
    );
    expectInvalidRequest(
      () => convert({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'g' }, { name: 'f', parameters: { type: 'ARRAY' } }] }] }),
      'tools[0].functionDeclarations[1].parameters',
      /got "array"/,
    );
  });

  it('takes a schema that names no root type', () => {
    const converted = convert({ contents: [user('hi')], tools: [{ functionDeclarations: [{ name: 'f', parameters: { properties: { a: { type: 'string' } } } }] }] });
    expect(converted.request.tools).toEqual([{ functionDeclarations: [{ name: 'f', parameters: expect.objectContaining({ properties: { a: { type: 'string' } } }) }] }]);
  });

  it('grounds a request whose tools ask for Google Search even when the target did not flag a search', () => {
    const converted = convertForTarget(parseGeminiNativeGenerateRequest({ contents: [user('news?')], tools: [{ googleSearch: {} }] }), {
      target: { model: 'gemini-3-flash', webSearch: false },
      signatures: createSignatureCache(),
    });
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
  });

  it('keeps a search beside an empty declaration list', () => {
    const converted = convert({ contents: [user('news?')], tools: [{ googleSearch: {} }, { functionDeclarations: [] }] });
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
    expect(converted.warnings).toEqual([]);
  });
});
