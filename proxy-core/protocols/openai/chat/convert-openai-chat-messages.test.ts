/**
 * History repair and content parts of the OpenAI chat converter (convert-openai-chat-messages.ts,
 * convert-openai-chat-content.ts), pinned through the public request converter: what the upstream
 * receives, the warnings, and the 400s a client gets.
 */
import { describe, expect, it } from 'vitest';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';
import { convertOpenAIChatToGemini as convertForTarget } from './convert-openai-chat-to-gemini.js';
import { readOpenAIChatToolTraits } from './read-openai-chat-tool-traits.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

const convertOpenAIChatToGemini = withTarget(convertForTarget, readOpenAIChatToolTraits);
import { parseOpenAIChatRequest } from './openai-chat-request-schema.js';

function convert(messages: unknown[], options: { upstreamModel?: string; signatures?: SignatureCache; extra?: Record<string, unknown>; webSearch?: boolean } = {}) {
  const request = parseOpenAIChatRequest({ model: 'gpt-4o', messages, ...options.extra });
  return convertOpenAIChatToGemini(request, {
    upstreamModel: options.upstreamModel ?? 'gemini-3-flash',
    signatures: options.signatures ?? createSignatureCache(),
    ...(options.webSearch === undefined ? {} : { webSearch: options.webSearch }),
  });
}

const w = (code: string, message: string) => ({ code, message });
const user = (content: unknown) => ({ role: 'user', content });
const call = (id: string, name: string, args = '{}') => ({ id, type: 'function', function: { name, arguments: args } });
const skip = 'skip_thought_signature_validator';

describe('convertOpenAIChatToGemini: content parts', () => {
  it('reads the audio format in any case, with its MIME type or audio/<format>', () => {
    const converted = convert([
      user([
        { type: 'input_audio', input_audio: { data: 'AAAA', format: 'MP3' } },
        { type: 'input_audio', input_audio: { data: 'BBBB', format: 'wav' } },
        { type: 'input_audio', input_audio: { data: 'CCCC', format: 'pcm16' } },
      ]),
    ]);
    expect(converted.request.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'audio/mpeg', data: 'AAAA' } },
      { inlineData: { mimeType: 'audio/wav', data: 'BBBB' } },
      { inlineData: { mimeType: 'audio/pcm16', data: 'CCCC' } },
    ]);
  });

  it('drops audio for a Claude model, naming the family', () => {
    const converted = convert([user([{ type: 'text', text: 'listen' }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'mp3' } }])], { upstreamModel: 'claude-sonnet-4-5' });
    expect(converted.request.contents[0]?.parts).toEqual([{ text: 'listen' }]);
    expect(converted.warnings).toEqual([w('content_dropped', 'messages[0].content[1]: audio input is not supported by claude models; dropped')]);
  });

  it('takes http and https image URLs, and refuses anything else with a message saying what is accepted', () => {
    const converted = convert([user([{ type: 'image_url', image_url: { url: 'http://example.com/a.PNG' } }, { type: 'image_url', image_url: { url: 'https://example.com/photo' } }])]);
    expect(converted.request.contents[0]?.parts).toEqual([
      { fileData: { fileUri: 'http://example.com/a.PNG', mimeType: 'image/png' } },
      { fileData: { fileUri: 'https://example.com/photo', mimeType: 'image/jpeg' } },
    ]);
    for (const url of ['ftp://example.com/https://a.png', 'xdata:image/png;base64,AAAA', 'file:///x?data:image/png;base64,AAAA']) {
      expectInvalidRequest(
        () => convert([user([{ type: 'image_url', image_url: { url } }])]),
        'messages[0].content[0].image_url.url',
        /^Invalid 'messages\[0\]\.content\[0\]\.image_url\.url': must be an http\(s\) URL or a data: URL\.$/,
      );
    }
    expectInvalidRequest(
      () => convert([user([{ type: 'image_url', image_url: { url: 'data:image/png;base64,%%%' } }])]),
      'messages[0].content[0].image_url.url',
      /^Invalid 'messages\[0\]\.content\[0\]\.image_url\.url': not a valid base64 data URL\.$/,
    );
  });

  it('reads files from a data URL or raw base64 with a known filename, and drops the rest with the reason', () => {
    const converted = convert([
      user([
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE' } },
        { type: 'file', file: { file_data: 'JVBE', filename: 'report.pdf' } },
        { type: 'file', file: { file_data: 'JVBEdata:x', filename: 'notes.txt' } },
        { type: 'file', file: { file_data: '', filename: 'a.pdf' } },
        { type: 'file', file: { file_id: 'file-abc' } },
        { type: 'file', file: { file_data: 'JVBE', filename: 'blob' } },
        { type: 'file', file: { file_data: 'JVBE' } },
      ]),
    ]);
    expect(converted.request.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
      { inlineData: { mimeType: 'text/plain', data: 'JVBEdata:x' } },
    ]);
    expect(converted.warnings).toEqual([
      w('content_dropped', 'messages[0].content[3]: file part without file_data; dropped'),
      w('content_dropped', 'messages[0].content[4]: file_id references are not supported (no Files API); dropped'),
      w('content_dropped', 'messages[0].content[5]: file_data without a data: URL or a filename with a known extension; dropped'),
      w('content_dropped', 'messages[0].content[6]: file_data without a data: URL or a filename with a known extension; dropped'),
    ]);
  });

  it('refuses a file whose data URL is broken, naming the file_data', () => {
    expectInvalidRequest(
      () => convert([user('a'), { role: 'assistant', content: 'b' }, user([{ type: 'file', file: { file_data: 'DATA:application/pdf;base64,***' } }])]),
      'messages[2].content[0].file.file_data',
      /^Invalid 'messages\[2\]\.content\[0\]\.file\.file_data': not a valid base64 data URL\.$/,
    );
  });

  it('names the message at fault for a bad part in system, assistant and tool messages', () => {
    const badImage = [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }];
    expectInvalidRequest(() => convert([{ role: 'system', content: badImage }, user('hi')]), 'messages[0].content[0].image_url.url');
    expectInvalidRequest(() => convert([user('hi'), { role: 'assistant', content: badImage }]), 'messages[1].content[0].image_url.url');
    expectInvalidRequest(
      () => convert([user('hi'), { role: 'assistant', content: null, tool_calls: [call('c1', 'f')] }, { role: 'tool', tool_call_id: 'c1', content: badImage }]),
      'messages[2].content[0].image_url.url',
    );
  });
});

describe('convertOpenAIChatToGemini: system, user and assistant messages', () => {
  it('keeps only text in system instructions and drops a Claude-unsupported part with the message path and family', () => {
    const converted = convert(
      [
        { role: 'system', content: [{ type: 'text', text: 'Rules.' }, { type: 'input_audio', input_audio: { data: 'AA', format: 'mp3' } }] },
        { role: 'developer', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
        user('hi'),
      ],
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    expect(converted.request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'Rules.' }] });
    expect(converted.warnings).toEqual([
      w('content_dropped', 'messages[0].content[1]: audio input is not supported by claude models; dropped'),
      w('content_dropped', 'messages[1].content: only text is kept in system instructions; a media part was dropped'),
    ]);
  });

  it('sends no system instruction when there is none', () => {
    expect(convert([user('hi')]).request.systemInstruction).toBeUndefined();
  });

  it('drops an empty user message with a warning', () => {
    const converted = convert([user('hi'), { role: 'assistant', content: 'hello' }, user(''), user('again')]);
    expect(converted.request.contents.at(-1)).toEqual({ role: 'user', parts: [{ text: 'again' }] });
    expect(converted.warnings).toEqual([w('content_dropped', 'messages[2]: empty user message dropped')]);
  });

  it('refuses a conversation with nothing to send, saying so', () => {
    expectInvalidRequest(() => convert([user(''), { role: 'assistant', content: null }]), 'messages', /^The messages contain no content to send\.$/);
  });

  it('sends the refusal of an assistant turn that has no content, and never in place of content', () => {
    const converted = convert([
      user('q1'),
      { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      user('q2'),
      { role: 'assistant', content: 'Sure.', refusal: 'ignored' },
      user('q3'),
      { role: 'assistant', content: null, refusal: '  ' },
      user('q4'),
    ]);
    expect(converted.request.contents.filter((content) => content.role === 'model')).toEqual([
      { role: 'model', parts: [{ text: 'I cannot help with that.' }] },
      { role: 'model', parts: [{ text: 'Sure.' }] },
    ]);
  });

  it('looks reasoning up by its exact text first, Claude\'s signatures only', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('Plan with a newline.\n', 'sig-exact', 'claude');
    signatures.rememberReasoning('Gemini plan.', 'sig-gemini', 'gemini');
    const converted = convert(
      [user('q1'), { role: 'assistant', content: 'A.', reasoning_content: 'Plan with a newline.\n' }, user('q2'), { role: 'assistant', content: 'B.', reasoning_content: 'Gemini plan.' }, user('q3')],
      { upstreamModel: 'claude-sonnet-4-5-thinking', signatures },
    );
    expect(converted.request.contents[1]?.parts).toEqual([{ thought: true, text: 'Plan with a newline.\n', thoughtSignature: 'sig-exact' }, { text: 'A.' }]);
    expect(converted.request.contents[3]?.parts).toEqual([{ text: 'B.' }]);
    expect(converted.warnings).toContainEqual(w('thinking_dropped', 'messages[3].reasoning_content has no known signature; dropped (Claude rejects unsigned thinking)'));
  });

  it('replays signed Claude reasoning found by its exact or trimmed text, and nothing for an empty turn', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('Plan A.', 'sig-a', 'claude');
    signatures.rememberReasoning('Plan B.', 'sig-b', 'claude');
    signatures.rememberReasoning('Plan C.', 'sig-c', 'claude');
    const converted = convert(
      [
        user('q1'),
        { role: 'assistant', content: 'A.', reasoning_content: 'Plan A.' },
        user('q2'),
        { role: 'assistant', content: 'B.', reasoning_content: '\nPlan B.\n' },
        user('q3'),
        // A turn with neither text nor calls is dropped whole, its reasoning too.
        { role: 'assistant', content: '', reasoning_content: 'Plan C.' },
        user('q4'),
      ],
      { upstreamModel: 'claude-sonnet-4-5-thinking', signatures },
    );
    expect(converted.request.contents.filter((content) => content.role === 'model')).toEqual([
      { role: 'model', parts: [{ thought: true, text: 'Plan A.', thoughtSignature: 'sig-a' }, { text: 'A.' }] },
      { role: 'model', parts: [{ thought: true, text: '\nPlan B.\n', thoughtSignature: 'sig-b' }, { text: 'B.' }] },
    ]);
  });
});

describe('convertOpenAIChatToGemini: tool calls and results', () => {
  it('sends blank arguments as {}, and warns when they are not a JSON object', () => {
    const converted = convert([
      user('go'),
      { role: 'assistant', content: null, tool_calls: [call('c1', 'f', '  '), call('c2', 'f', '[1, 2]'), call('c3', 'f', '{oops')] },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      { role: 'tool', tool_call_id: 'c2', content: 'ok' },
      { role: 'tool', tool_call_id: 'c3', content: 'ok' },
    ]);
    expect(converted.request.contents[1]?.parts.map((part) => part.functionCall)).toEqual([
      { name: 'f', args: {} },
      { name: 'f', args: {} },
      { name: 'f', args: {} },
    ]);
    expect(converted.warnings).toEqual([
      w('content_dropped', 'messages[1].tool_calls[1].function.arguments is not a JSON object; sent {}'),
      w('content_dropped', 'messages[1].tool_calls[2].function.arguments is not valid JSON; sent {}'),
    ]);
  });

  it('keeps the first result of a call, and neither the text nor the images of a second one', () => {
    const converted = convert([
      user('go'),
      { role: 'assistant', content: null, tool_calls: [call('c1', 'screenshot')] },
      { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'first' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'second' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,BBBB' } }] },
    ]);
    expect(converted.request.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'screenshot', response: { result: 'first' } } }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
    });
    expect(converted.warnings).toEqual([w('history_repaired', 'messages[3]: second result for tool call c1; dropped')]);
  });

  it('drops a tool result that follows no call', () => {
    const converted = convert([user('go'), { role: 'tool', tool_call_id: 'c9', content: 'x' }]);
    expect(converted.request.contents).toEqual([{ role: 'user', parts: [{ text: 'go' }] }]);
    expect(converted.warnings).toEqual([w('history_repaired', 'messages[1]: result for tool call c9 does not follow that call; dropped')]);
  });

  it('answers legacy function results by name, the first open call of that name first', () => {
    const converted = convert([
      user('go'),
      { role: 'assistant', content: null, tool_calls: [call('c1', 'f', '{"n":1}'), call('c2', 'g'), call('c3', 'f', '{"n":2}')] },
      { role: 'function', name: 'g', content: 'g done' },
      { role: 'function', name: 'f', content: 'f one' },
      { role: 'function', name: 'f', content: null },
    ]);
    expect(converted.request.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'f', response: { result: 'f one' } } },
      { functionResponse: { name: 'g', response: { result: 'g done' } } },
      { functionResponse: { name: 'f', response: { result: '' } } },
    ]);
    expect(converted.warnings).toEqual([]);
  });

  it('drops a legacy function result that follows no call to it', () => {
    const converted = convert([user('go'), { role: 'function', name: 'f', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('c1', 'g')] }, { role: 'function', name: 'f', content: 'y' }]);
    expect(converted.warnings).toEqual([
      w('history_repaired', 'messages[1]: result for function f does not follow a call to it; dropped'),
      // The open call is to g: a result for f answers nothing.
      w('history_repaired', 'messages[3]: result for function f does not follow a call to it; dropped'),
      w('history_repaired', 'messages[2].tool_calls[0] (c1, g) has no result; sent a placeholder result'),
    ]);
  });

  it('gives a legacy function_call a stable id, its own path in warnings, and Claude the id', () => {
    const converted = convert(
      [user('go'), { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: 'nope' } }, user('never mind')],
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    expect(converted.request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'lookup', args: {}, id: 'function_call_1' } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'lookup', response: { result: '(no result: the tool call was interrupted)' }, id: 'function_call_1' } }, { text: 'never mind' }],
      },
    ]);
    expect(converted.warnings).toEqual([
      w('content_dropped', 'messages[1].function_call.arguments is not valid JSON; sent {}'),
      w('history_repaired', 'messages[1].function_call (function_call_1, lookup) has no result; sent a placeholder result'),
    ]);
  });

  it('gives Gemini no ids and the skip signature on the first call of a turn', () => {
    const converted = convert([
      user('go'),
      { role: 'assistant', content: 'Calling.', tool_calls: [call('c1', 'f'), call('c2', 'g')] },
      { role: 'tool', tool_call_id: 'c2', content: '{"ok": true}' },
      { role: 'tool', tool_call_id: 'c1', content: 'done' },
    ]);
    expect(converted.request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ text: 'Calling.' }, { functionCall: { name: 'f', args: {} }, thoughtSignature: skip }, { functionCall: { name: 'g', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result: 'done' } } }, { functionResponse: { name: 'g', response: { ok: true } } }] },
    ]);
  });
});

describe('convertOpenAIChatToGemini: web search', () => {
  it('grounds a request with web_search_options on the search model when no tools are declared', () => {
    const converted = convert([user('news?')], { upstreamModel: 'claude-sonnet-4-5', extra: { web_search_options: {} } });
    expect(converted.upstreamModel).toBe('gemini-2.5-flash');
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
  });

  it('grounds a request whose model name asks for search (-online)', () => {
    const converted = convert([user('news?')], { upstreamModel: 'claude-sonnet-4-5', webSearch: true });
    expect(converted.upstreamModel).toBe('gemini-2.5-flash');
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
    expect(convert([user('news?')], { upstreamModel: 'claude-sonnet-4-5', webSearch: false }).request.tools).toBeUndefined();
  });

  it('keeps the model and the functions when tools are declared beside the search, and says the search was dropped', () => {
    const converted = convert([user('news?')], {
      upstreamModel: 'claude-sonnet-4-5',
      extra: { web_search_options: {}, tools: [{ type: 'function', function: { name: 'f' } }] },
    });
    expect(converted.upstreamModel).toBe('claude-sonnet-4-5');
    expect(JSON.stringify(converted.request.tools)).not.toContain('googleSearch');
    expect(converted.warnings.map((warning) => warning.code)).toContain('web_search_dropped');
  });
});
