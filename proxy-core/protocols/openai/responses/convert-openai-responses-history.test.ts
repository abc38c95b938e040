/**
 * Responses items -> Gemini request (convert-openai-responses-input.ts, then the chat history
 * repair, through convert-openai-responses-to-gemini.ts): what the upstream receives, the
 * warnings and errors with the client's own item paths, and the output settings.
 */
import { describe, expect, it } from 'vitest';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';
import { convertOpenAIResponsesInput, locateOpenAIResponsesInput } from './convert-openai-responses-input.js';
import { convertOpenAIResponsesToGemini as convertForTarget } from './convert-openai-responses-to-gemini.js';
import { readOpenAIResponsesToolTraits } from './read-openai-responses-tool-traits.js';
import { converterTarget, type TestConversionContext } from '../../shared/__fixtures__/converter-target.js';

/** Converted as the gateway does: the target first (converter-target.ts), the model called reported beside the result. */
function convertOpenAIResponsesToGemini(request: Parameters<typeof convertForTarget>[0], items: Parameters<typeof convertForTarget>[1], context: TestConversionContext) {
  const target = converterTarget(context.upstreamModel, readOpenAIResponsesToolTraits(request.tools), context.webSearch === true);
  return { upstreamModel: target.model, ...convertForTarget(request, items, { target, signatures: context.signatures }) };
}
import { parseOpenAIResponsesRequest } from './openai-responses-request-schema.js';
import { encodeReasoningEncryptedContent } from './reasoning-encrypted-content.js';

function convert(body: Record<string, unknown>, options: { upstreamModel?: string; signatures?: SignatureCache; webSearch?: boolean } = {}) {
  const request = parseOpenAIResponsesRequest({ model: 'gpt-5', ...body });
  return convertOpenAIResponsesToGemini(request, locateOpenAIResponsesInput(request.input), {
    upstreamModel: options.upstreamModel ?? 'gemini-3-flash',
    signatures: options.signatures ?? createSignatureCache(),
    ...(options.webSearch === undefined ? {} : { webSearch: options.webSearch }),
  });
}

const w = (code: string, message: string) => ({ code, message });
const userItem = (content: unknown) => ({ role: 'user', content });

describe('convertOpenAIResponsesToGemini: input items', () => {
  it('refuses a request with neither input nor instructions', () => {
    expectInvalidRequest(() => convert({}), 'input', /^Missing required parameter: 'input'\.$/);
    expectInvalidRequest(() => convert({ input: null }), 'input');
    expectInvalidRequest(() => convert({ input: [] }), 'input');
  });

  it('names the input, not a chat message, when its only text is empty', () => {
    // The param names the input; the message keeps its own words (it once read "The input contain no content").
    expectInvalidRequest(() => convert({ input: '' }), 'input', /^The messages contain no content to send\.$/);
    const withInstructions = convert({ instructions: 'Be brief.', input: '' });
    expect(withInstructions.warnings).toEqual([
      w('content_dropped', 'input: empty user message dropped'),
      w('history_repaired', 'the request has only system messages; they were sent as the user message'),
    ]);
    expect(withInstructions.request.contents).toEqual([{ role: 'user', parts: [{ text: 'Be brief.' }] }]);
  });

  it('renames chat message paths to the items they came from, past ten items and after the instructions', () => {
    const items = Array.from({ length: 11 }, (_, index) => userItem(`q${index}`));
    items.push(userItem(''));
    const converted = convert({ instructions: 'Rules.', input: items });
    expect(converted.warnings).toEqual([w('content_dropped', 'input[11]: empty user message dropped')]);
  });

  it('reads user parts of every text kind, and ignores images in an assistant message\'s text', () => {
    const converted = convert({
      input: [
        userItem([
          { type: 'input_text', text: 'a' },
          { type: 'output_text', text: 'b' },
          { type: 'refusal', refusal: 'c' },
        ]),
        {
          type: 'message',
          role: 'assistant',
          content: [
            { type: 'input_text', text: 'Echo, ' },
            { type: 'input_image', image_url: 'https://example.com/a.png' },
            { type: 'output_text', text: 'then answer.' },
          ],
        },
      ],
    });
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] },
      { role: 'model', parts: [{ text: 'Echo, then answer.' }] },
    ]);
  });

  it('joins the summary parts of a reasoning item, and consecutive reasoning items, into the turn\'s one thought', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('First. Second. Third.', 'sig-joined', 'claude');
    const converted = convert(
      {
        input: [
          userItem('q'),
          {
            type: 'reasoning',
            id: 'rs_1',
            summary: [
              { type: 'summary_text', text: 'First. ' },
              { type: 'summary_text', text: 'Second. ' },
            ],
          },
          { type: 'reasoning', id: 'rs_2', summary: [{ type: 'summary_text', text: 'Third.' }] },
          { type: 'reasoning', id: 'rs_3', summary: [] },
          { type: 'message', role: 'assistant', content: 'A.' },
          userItem('next'),
        ],
      },
      { upstreamModel: 'claude-sonnet-4-5-thinking', signatures },
    );
    expect(converted.request.contents[1]).toEqual({ role: 'model', parts: [{ thought: true, text: 'First. Second. Third.', thoughtSignature: 'sig-joined' }, { text: 'A.' }] });
  });

  it('refuses a local_shell output answering no call, naming the call_id it gave', () => {
    const call = { type: 'local_shell_call', id: 'ls_1', call_id: 'ls_1', status: 'completed', action: { type: 'exec', command: ['ls'], env: {} } };
    expectInvalidRequest(
      () => convert({ input: [userItem('list'), call, { type: 'local_shell_call_output', id: 'ls_out', call_id: 'ls_9', output: 'x' }] }),
      'input[2].call_id',
      /^Invalid 'input\[2\]\.call_id': no call with call_id 'ls_9' comes before this output\. Send the call item \(or the previous_response_id that made it\) before its output\.$/,
    );
  });

  it('maps calls to tools seen only in history back to the client\'s name', () => {
    const converted = convert({
      input: [
        userItem('go'),
        { type: 'function_call', call_id: 'c1', name: 'old tool', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'done' },
      ],
      tools: [{ type: 'function', name: 'new_tool' }],
    });
    expect(Object.fromEntries(converted.toolTargets)).toEqual({ new_tool: { kind: 'function', name: 'new_tool' }, old_tool: { kind: 'function', name: 'old tool' } });
  });
});

describe('convertOpenAIResponsesInput: signatures carried by reasoning items', () => {
  const located = (items: unknown[]) => locateOpenAIResponsesInput(parseOpenAIResponsesRequest({ model: 'm', input: items }).input);

  it('restores call signatures without a reasoning one, and no reasoning signature for a reasoning item without text', () => {
    const callsOnly = encodeReasoningEncryptedContent({ family: 'claude', calls: { c1: 'sig-c1' } });
    const withReasoning = encodeReasoningEncryptedContent({ family: 'claude', reasoning: 'sig-r', calls: {} });
    const converted = convertOpenAIResponsesInput(
      undefined,
      located([
        userItem('q'),
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Plan.' }], encrypted_content: callsOnly },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'ok' },
        { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: withReasoning },
      ]),
      { family: 'claude' },
    );
    expect(converted.restoredSignatures).toEqual({ reasoning: [], toolCalls: [{ id: 'c1', signature: 'sig-c1' }] });
    expect(converted.warnings).toEqual([]);
  });

  it('reads no input as no items, and a string as one user message at `input`', () => {
    expect(locateOpenAIResponsesInput(undefined)).toEqual([]);
    expect(locateOpenAIResponsesInput(null)).toEqual([]);
    expect(locateOpenAIResponsesInput('hi')).toEqual([{ item: { type: 'message', role: 'user', content: 'hi' }, path: 'input' }]);
  });
});

describe('convertOpenAIResponsesToGemini: output settings', () => {
  it('asks for JSON for json_object, and for the cleaned schema for json_schema with warnings under text.format', () => {
    expect(convert({ input: 'hi', text: { format: { type: 'json_object' } } }).request.generationConfig).toEqual({
      responseMimeType: 'application/json',
      thinkingConfig: { includeThoughts: true },
    });
    expect(convert({ input: 'hi', text: { format: { type: 'text' } } }).request.generationConfig).toEqual({ thinkingConfig: { includeThoughts: true } });
    const converted = convert({ input: 'hi', text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object', properties: { a: { type: ['string', 'integer'] } } } } } });
    expect(converted.request.generationConfig?.responseMimeType).toBe('application/json');
    expect(converted.request.generationConfig?.responseSchema).toEqual({ type: 'object', properties: { a: { type: 'string', description: '(Accepts: string | integer)' } } });
    expect(converted.warnings).toEqual([w('schema_simplified', 'text.format: reduced type union at properties.a (string | integer) to string')]);
  });

  it('refuses a schema it cannot take, naming text.format.schema', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 200; depth += 1) schema = { type: 'object', properties: { a: schema } };
    expectInvalidRequest(() => convert({ input: 'hi', text: { format: { type: 'json_schema', name: 'deep', schema } } }), 'text.format.schema', /^Invalid 'text\.format\.schema': /);
  });

  it('sends no generationConfig when nothing is set and the model takes no thinking setting', () => {
    expect(convert({ input: 'hi' }, { upstreamModel: 'claude-sonnet-4-5' }).request).not.toHaveProperty('generationConfig');
  });

  it('drops sampling settings only for Claude while it thinks', () => {
    const sampling = { input: 'hi', temperature: 0.3, top_p: 0.9 };
    expect(convert(sampling).request.generationConfig).toMatchObject({ temperature: 0.3, topP: 0.9 });
    expect(convert(sampling, { upstreamModel: 'claude-sonnet-4-5' }).request.generationConfig).toMatchObject({ temperature: 0.3, topP: 0.9 });
    const thinking = convert(sampling, { upstreamModel: 'claude-sonnet-4-5-thinking' });
    expect(thinking.request.generationConfig?.temperature).toBeUndefined();
    expect(thinking.request.generationConfig?.topP).toBeUndefined();
    expect(thinking.warnings.map((warning) => warning.code)).toContain('sampling_dropped');
  });

  it('turns Claude thinking off for an open tool loop with no signed thinking to replay', () => {
    const converted = convert(
      {
        input: [userItem('go'), { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }, { type: 'function_call_output', call_id: 'c1', output: 'ok' }],
        tools: [{ type: 'function', name: 'f' }],
      },
      { upstreamModel: 'claude-sonnet-4-5-thinking' },
    );
    expect(converted.request.generationConfig?.thinkingConfig).toBeUndefined();
    expect(converted.warnings.map((warning) => warning.code)).toContain('thinking_adjusted');
  });

  it('grounds a request whose model name asks for search (-online) on the search model', () => {
    const converted = convert({ input: 'news?' }, { upstreamModel: 'claude-sonnet-4-5', webSearch: true });
    expect(converted.upstreamModel).toBe('gemini-2.5-flash');
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
    expect(convert({ input: 'news?' }, { upstreamModel: 'claude-sonnet-4-5' }).request.tools).toBeUndefined();
  });
});
