import { describe, expect, it } from 'vitest';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { convertGeminiNativeRequest } from './convert-gemini-native-request.js';
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
      'safetySettings replaced: the gateway turns every safety filter off',
      'generationConfig.responseModalities is not supported; dropped',
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
    expect(converted.warnings).toContain('1 past thought part(s) not sent: unsigned or signed by another model family');
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
    expect(both.warnings).toEqual(['web search dropped: the upstream cannot search the web and call functions in one request']);
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
