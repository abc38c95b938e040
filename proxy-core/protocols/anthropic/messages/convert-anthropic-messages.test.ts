/**
 * History repair and content blocks of the Anthropic converter (convert-anthropic-messages.ts,
 * convert-anthropic-content-block.ts, convert-anthropic-system-prompt.ts), pinned through the
 * public request converter: what the upstream receives, the warnings, and the 400s a client gets.
 */
import { describe, expect, it } from 'vitest';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';
import { expectInvalidRequest } from '../../shared/__fixtures__/expect-invalid-request.js';
import { parseAnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { convertAnthropicMessagesToGemini as convertForTarget } from './convert-anthropic-messages-to-gemini.js';
import { readAnthropicToolTraits } from './read-anthropic-tool-traits.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

const convertAnthropicMessagesToGemini = withTarget(convertForTarget, (request: Parameters<typeof convertForTarget>[0]) => readAnthropicToolTraits(request.tools));

const tools = [
  { name: 'Bash', input_schema: { type: 'object' } },
  { name: 'Read', input_schema: { type: 'object' } },
];

function convert(messages: unknown[], options: { upstreamModel?: string; signatures?: SignatureCache; system?: unknown; webSearch?: boolean } = {}) {
  const request = parseAnthropicMessagesRequest({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages,
    tools,
    ...(options.system === undefined ? {} : { system: options.system }),
  });
  return convertAnthropicMessagesToGemini(request, {
    upstreamModel: options.upstreamModel ?? 'gemini-3-flash',
    signatures: options.signatures ?? createSignatureCache(),
    ...(options.webSearch === undefined ? {} : { webSearch: options.webSearch }),
  });
}

const callBash = (id: string, command = 'ls') => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'Bash', input: { command } }] });
const result = (id: string, content?: unknown, extra: Record<string, unknown> = {}) => ({ type: 'tool_result', tool_use_id: id, ...(content === undefined ? {} : { content }), ...extra });
const skip = 'skip_thought_signature_validator';
const w = (code: string, message: string) => ({ code, message });

describe('convertAnthropicMessagesToGemini: tool results', () => {
  it('refuses a result for a call the previous assistant message did not make, saying so', () => {
    expectInvalidRequest(
      () => convert([{ role: 'user', content: 'go' }, callBash('toolu_1'), { role: 'user', content: [result('toolu_2', 'x')] }]),
      'messages.2.content.0.tool_use_id',
      /^Invalid 'messages\.2\.content\.0\.tool_use_id': no tool_use block with id 'toolu_2' in the previous assistant message\. Each tool_result must answer a tool_use of the message right before it\.$/,
    );
    // The call was two messages back: it is over, its id answers nothing now.
    expectInvalidRequest(
      () => convert([{ role: 'user', content: 'go' }, callBash('toolu_1'), { role: 'user', content: [result('toolu_1', 'x')] }, { role: 'assistant', content: 'ok' }, { role: 'user', content: [result('toolu_1', 'again')] }]),
      'messages.4.content.0.tool_use_id',
    );
  });

  it('keeps the first of two results for one call and warns about the second', () => {
    const converted = convert([{ role: 'user', content: 'go' }, callBash('toolu_1'), { role: 'user', content: [result('toolu_1', 'first'), result('toolu_1', 'second')] }]);
    expect(converted.request.contents[2]).toEqual({ role: 'user', parts: [{ functionResponse: { name: 'Bash', response: { result: 'first' } } }] });
    expect(converted.warnings).toEqual([w('history_repaired', 'messages.2.content.1: second tool_result for toolu_1; dropped')]);
  });

  it('joins the text blocks of a result with newlines, sends JSON as the object, and an absent content as empty', () => {
    const converted = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'Bash', input: {} }, { type: 'tool_use', id: 'b', name: 'Read' }, { type: 'tool_use', id: 'c', name: 'Read', input: {} }] },
      {
        role: 'user',
        content: [
          result('a', [
            { type: 'text', text: 'line 1' },
            { type: 'text', text: 'line 2' },
          ]),
          result('b'),
          result('c', '{"size": 3}'),
        ],
      },
    ]);
    expect(converted.request.contents[1]?.parts.map((part) => part.functionCall)).toEqual([
      { name: 'Bash', args: {} },
      { name: 'Read', args: {} },
      { name: 'Read', args: {} },
    ]);
    expect(converted.request.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'Bash', response: { result: 'line 1\nline 2' } } },
      { functionResponse: { name: 'Read', response: { result: '' } } },
      { functionResponse: { name: 'Read', response: { size: 3 } } },
    ]);
    expect(converted.warnings).toEqual([]);
  });

  it('sends an error result as the call\'s error, and drops the blocks a result cannot carry with their path', () => {
    const converted = convert([
      { role: 'user', content: 'go' },
      callBash('toolu_1'),
      {
        role: 'user',
        content: [
          result(
            'toolu_1',
            [
              { type: 'text', text: 'permission denied' },
              { type: 'tool_reference', tool_name: 'Read' },
              { type: 'image', source: { type: 'file', file_id: 'file_1' } },
            ],
            { is_error: true },
          ),
        ],
      },
    ]);
    expect(converted.request.contents[2]?.parts).toEqual([{ functionResponse: { name: 'Bash', response: { error: 'permission denied' } } }]);
    expect(converted.warnings).toEqual([
      w('content_dropped', 'messages.2.content.0.content.1: tool_reference blocks have no upstream equivalent; dropped'),
      w('content_dropped', 'messages.2.content.0.content.2: file_id images are not supported (no Files API); dropped'),
    ]);
  });

  it('puts results first, in call order, then the images they returned, then the user\'s own content', () => {
    const converted = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'Bash', input: {} }, { type: 'tool_use', id: 'b', name: 'Read', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'here you go' },
          result('b', [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }]),
          result('a', 'done'),
        ],
      },
    ]);
    expect(converted.request.contents[2]?.parts).toEqual([
      { functionResponse: { name: 'Bash', response: { result: 'done' } } },
      { functionResponse: { name: 'Read', response: { result: '' } } },
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { text: 'here you go' },
    ]);
  });

  it('gives Claude the call ids on calls and results, and Gemini none', () => {
    const history = [{ role: 'user', content: 'go' }, callBash('toolu_1'), { role: 'user', content: [result('toolu_1', 'ok')] }];
    const claude = convert(history, { upstreamModel: 'claude-sonnet-4-5' });
    expect(claude.request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'Bash', args: { command: 'ls' }, id: 'toolu_1' } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'Bash', response: { result: 'ok' }, id: 'toolu_1' } }] },
    ]);
    const gemini = convert(history);
    expect(gemini.request.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'Bash', args: { command: 'ls' } }, thoughtSignature: skip }] },
      { role: 'user', parts: [{ functionResponse: { name: 'Bash', response: { result: 'ok' } } }] },
    ]);
  });

  it('answers an unanswered call with a placeholder (Claude: with its id) when the next message is not its result', () => {
    const converted = convert([{ role: 'user', content: 'go' }, callBash('toolu_1'), { role: 'user', content: 'never mind' }], { upstreamModel: 'claude-sonnet-4-5' });
    expect(converted.request.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'Bash', response: { result: '(no result: the tool call was interrupted)' }, id: 'toolu_1' } }, { text: 'never mind' }],
    });
    expect(converted.warnings).toEqual([w('history_repaired', 'messages.1.content.0 (toolu_1, Bash) has no tool_result; sent a placeholder result')]);
  });
});

describe('convertAnthropicMessagesToGemini: assistant and user blocks', () => {
  it('drops empty text and empty compaction blocks of an assistant message, and warns when nothing is left', () => {
    const converted = convert([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'compaction', content: null }, { type: 'compaction', content: ' ' }, { type: 'text', text: 'Hello.' }] },
      { role: 'user', content: 'and?' },
      { role: 'assistant', content: [{ type: 'text', text: ' ' }, { type: 'compaction' }] },
      { role: 'user', content: 'still there?' },
    ]);
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'hi' }] },
      { role: 'model', parts: [{ text: 'Hello.' }] },
      { role: 'user', parts: [{ text: 'and?' }, { text: 'still there?' }] },
    ]);
    expect(converted.warnings).toEqual([w('content_dropped', 'messages.3: nothing the upstream can take in this assistant message; dropped')]);
  });

  it.each(['image', 'document', 'search_result', 'tool_result'])('refuses a %s block in an assistant message', (type) => {
    const blocks: Record<string, unknown> = {
      image: { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
      document: { type: 'document', source: { type: 'text', data: 'doc' } },
      search_result: { type: 'search_result', source: 'https://example.com', title: 't', content: [] },
      tool_result: result('toolu_1', 'x'),
    };
    expectInvalidRequest(
      () => convert([{ role: 'user', content: 'hi' }, { role: 'assistant', content: [blocks[type]] }]),
      'messages.1.content.0.type',
      new RegExp(`^Invalid 'messages\\.1\\.content\\.0\\.type': an assistant message cannot hold a ${type} block\\.$`),
    );
  });

  it.each([
    ['tool_use', { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }],
    ['thinking', { type: 'thinking', thinking: 'x', signature: 's' }],
    ['redacted_thinking', { type: 'redacted_thinking', data: 'x' }],
    ['compaction', { type: 'compaction', content: 'summary' }],
  ])('refuses a %s block in a user message', (type, block) => {
    expectInvalidRequest(
      () => convert([{ role: 'user', content: [{ type: 'text', text: 'hi' }, block] }]),
      'messages.0.content.1.type',
      new RegExp(`^Invalid 'messages\\.0\\.content\\.1\\.type': a user message cannot hold a ${type} block\\.$`),
    );
  });

  it('drops server-tool blocks of a user message with a warning', () => {
    const converted = convert([{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'mcp_tool_result', tool_use_id: 'm', content: [] }] }]);
    expect(converted.request.contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
    expect(converted.warnings).toEqual([w('content_dropped', 'messages.0.content.1: mcp_tool_result blocks have no upstream equivalent; dropped')]);
  });

  it('refuses an empty content array with a clear message', () => {
    expectInvalidRequest(() => convert([{ role: 'user', content: [] }]), 'messages.0.content', /^Invalid 'messages\.0\.content': must not be empty\.$/);
    expectInvalidRequest(() => convert([{ role: 'user', content: 'hi' }, { role: 'system', content: [] }]), 'messages.1.content', /must not be empty/);
  });

  it('refuses a conversation with nothing to send', () => {
    expectInvalidRequest(() => convert([{ role: 'user', content: '   ' }]), 'messages', /^The messages contain no content to send\.$/);
  });

  it('sends a conversation of system messages only as the user message, with no system instruction', () => {
    const converted = convert([{ role: 'system', content: 'Rule one.' }, { role: 'system', content: [{ type: 'text', text: 'Rule two.' }] }]);
    expect(converted.request.contents).toEqual([{ role: 'user', parts: [{ text: 'Rule one.' }, { text: 'Rule two.' }] }]);
    expect(converted.request.systemInstruction).toBeUndefined();
    expect(converted.warnings).toEqual([w('history_repaired', 'the request has only system messages; they were sent as the user message')]);
  });

  it('opens with a user turn when the conversation starts with the assistant', () => {
    const converted = convert([{ role: 'assistant', content: 'Hello! How can I help?' }, { role: 'user', content: 'hi' }]);
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: '(conversation start)' }] },
      { role: 'model', parts: [{ text: 'Hello! How can I help?' }] },
      { role: 'user', parts: [{ text: 'hi' }] },
    ]);
    expect(converted.warnings).toEqual([w('history_repaired', 'the conversation starts with an assistant message; a user turn was inserted before it')]);
  });
});

describe('convertAnthropicMessagesToGemini: system messages in the conversation', () => {
  it('joins leading system messages to the system prompt and wraps later ones in system-reminder tags where they stand', () => {
    const converted = convert(
      [
        { role: 'system', content: 'Leading rule.' },
        { role: 'user', content: 'go' },
        callBash('toolu_1'),
        { role: 'system', content: 'Mid-loop reminder.' },
        { role: 'user', content: [result('toolu_1', 'ok')] },
      ],
      { system: 'Top-level prompt.' },
    );
    expect(converted.request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'Top-level prompt.' }, { text: 'Leading rule.' }] });
    // The reminder came while the call was open: it follows the result in the same user turn.
    expect(converted.request.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'Bash', response: { result: 'ok' } } }, { text: '<system-reminder>\nMid-loop reminder.\n</system-reminder>' }],
    });
  });

  it('drops the billing block and replaces the Agent SDK identity in system messages too, naming the message', () => {
    const converted = convert([
      { role: 'user', content: 'hi' },
      { role: 'system', content: "\n x-anthropic-billing-header: cc_version=2.1; cc_entrypoint=sdk-cli;" },
      { role: 'system', content: [{ type: 'text', text: ' ' }, { type: 'text', text: "You are a Claude agent, built on Anthropic's Claude Agent SDK." }] },
    ]);
    expect(converted.request.contents).toEqual([
      { role: 'user', parts: [{ text: 'hi' }, { text: "<system-reminder>\nYou are Claude Code, Anthropic's official CLI for Claude.\n</system-reminder>" }] },
    ]);
    expect(converted.warnings).toEqual([
      w('system_prompt_changed', "messages.1.content: Claude Code's billing attribution block dropped (the upstream refuses it)"),
      w('system_prompt_changed', "messages.2.content.1: Agent SDK identity replaced by Claude Code's (the upstream refuses the former)"),
    ]);
  });

  it('accepts a null system prompt and leaves out blank system blocks', () => {
    expect(convert([{ role: 'user', content: 'hi' }], { system: null }).request.systemInstruction).toBeUndefined();
    const blank = convert([{ role: 'user', content: 'hi' }], { system: [{ type: 'text', text: '  ' }, { type: 'text', text: 'Real.' }] });
    expect(blank.request.systemInstruction).toEqual({ role: 'user', parts: [{ text: 'Real.' }] });
    expect(blank.warnings).toEqual([]);
  });
});

describe('convertAnthropicMessagesToGemini: thinking replay', () => {
  const thinkingTurn = (thinking: Record<string, unknown>) => [
    { role: 'user', content: 'q1' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'Earlier thought.', ...thinking }, { type: 'text', text: 'A1.' }] },
    { role: 'user', content: 'q2' },
  ];

  it('replays Claude thinking with a signature the gateway does not know (it came from Anthropic), as sent', () => {
    const converted = convert(thinkingTurn({ signature: 'sig-from-anthropic' }), { upstreamModel: 'claude-sonnet-4-5-thinking' });
    expect(converted.request.contents[1]?.parts).toEqual([{ thought: true, text: 'Earlier thought.', thoughtSignature: 'sig-from-anthropic' }, { text: 'A1.' }]);
    expect(converted.warnings).toEqual([]);
  });

  it('fills in a dropped signature from the cache, and drops a block signed by Gemini', () => {
    const signatures = createSignatureCache();
    signatures.rememberReasoning('Earlier thought.', 'sig-cached-claude', 'claude');
    expect(convert(thinkingTurn({ signature: '' }), { upstreamModel: 'claude-sonnet-4-5-thinking', signatures }).request.contents[1]?.parts[0]).toEqual({
      thought: true,
      text: 'Earlier thought.',
      thoughtSignature: 'sig-cached-claude',
    });
    signatures.rememberReasoning('Other.', 'sig-gemini', 'gemini');
    const foreign = convert(thinkingTurn({ signature: 'sig-gemini' }), { upstreamModel: 'claude-sonnet-4-5-thinking', signatures });
    expect(foreign.request.contents[1]?.parts).toEqual([{ text: 'A1.' }]);
    expect(foreign.warnings).toEqual([w('thinking_dropped', 'messages.1.content.0: thinking block signed by a gemini model dropped (signatures never cross model families)')]);
  });

  it('never replays thinking to Gemini, and counts what it left out', () => {
    const converted = convert(thinkingTurn({ signature: 'sig' }));
    expect(converted.request.contents[1]?.parts).toEqual([{ text: 'A1.' }]);
    expect(converted.warnings).toEqual([w('thinking_dropped', '1 thinking block(s) not replayed: gemini models do not take past thoughts')]);
  });
});

describe('convertAnthropicMessagesToGemini: media blocks', () => {
  const userBlocks = (...content: unknown[]) => convert([{ role: 'user', content }]);

  it('refuses image and document URLs that are not http(s), naming the source', () => {
    for (const url of ['ftp://example.com/a.png', 'file:///etc/passwd', 'file:///x?https://example.com/a.png', '/home/me/a.png']) {
      expectInvalidRequest(
        () => userBlocks({ type: 'image', source: { type: 'url', url } }),
        'messages.0.content.0.source.url',
        /^Invalid 'messages\.0\.content\.0\.source\.url': must be an http\(s\) URL\.$/,
      );
      expectInvalidRequest(() => userBlocks({ type: 'text', text: 'x' }, { type: 'document', source: { type: 'url', url } }), 'messages.0.content.1.source.url');
    }
    expectInvalidRequest(
      () => userBlocks({ type: 'document', source: { type: 'content', content: [{ type: 'image', source: { type: 'url', url: 'file:///a.png' } }] } }),
      'messages.0.content.0.source.content.0.source.url',
    );
  });

  it('lets the upstream fetch http(s) URLs, with the type from the extension or the default', () => {
    const converted = userBlocks(
      { type: 'image', source: { type: 'url', url: 'http://example.com/a.png' } },
      { type: 'image', source: { type: 'url', url: 'HTTPS://example.com/photo' } },
      { type: 'document', source: { type: 'url', url: 'https://example.com/notes.txt' } },
      { type: 'document', source: { type: 'url', url: 'https://example.com/download?id=3' } },
    );
    expect(converted.request.contents[0]?.parts).toEqual([
      { fileData: { fileUri: 'http://example.com/a.png', mimeType: 'image/png' } },
      { fileData: { fileUri: 'HTTPS://example.com/photo', mimeType: 'image/jpeg' } },
      { fileData: { fileUri: 'https://example.com/notes.txt', mimeType: 'text/plain' } },
      { fileData: { fileUri: 'https://example.com/download?id=3', mimeType: 'application/pdf' } },
    ]);
  });

  it('writes a search result as its title, source and texts, leaving out the empty ones', () => {
    const converted = userBlocks(
      { type: 'search_result', source: 'https://example.com/r', title: '', content: [{ type: 'text', text: 'First.' }, { type: 'text', text: ' ' }, { type: 'text', text: 'Second.' }] },
      { type: 'search_result', source: ' ', title: '', content: [] },
    );
    expect(converted.request.contents[0]?.parts).toEqual([{ text: 'https://example.com/r\n\nFirst.\n\nSecond.' }]);
  });

  it('puts a document\'s title and context in front of it, and nothing when the document is empty', () => {
    const converted = userBlocks(
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'Spec', context: 'Version 2' },
      { type: 'document', source: { type: 'content', content: 'Inline words.' }, title: 'Inline' },
      { type: 'document', source: { type: 'content', content: ' ' }, title: 'Blank' },
      { type: 'document', source: { type: 'text', data: '' }, title: 'Empty' },
      { type: 'document', source: { type: 'content', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }, title: 'Only a file' },
      { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'Chunk.' }] } },
    );
    expect(converted.request.contents[0]?.parts).toEqual([
      { text: 'Spec\n\nVersion 2' },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
      { text: 'Inline\n\nInline words.' },
      { text: 'Chunk.' },
    ]);
    expect(converted.warnings).toEqual([w('content_dropped', 'messages.0.content.4.source.content.0: file_id images are not supported (no Files API); dropped')]);
  });
});

describe('convertAnthropicMessagesToGemini: web search by model name', () => {
  it('grounds a request whose model name asks for search (-online) on the search model', () => {
    const request = parseAnthropicMessagesRequest({ model: 'claude-sonnet-4-5-online', max_tokens: 64, messages: [{ role: 'user', content: 'news?' }] });
    const converted = convertAnthropicMessagesToGemini(request, { upstreamModel: 'claude-sonnet-4-5', signatures: createSignatureCache(), webSearch: true });
    expect(converted.upstreamModel).toBe('gemini-2.5-flash');
    expect(converted.request.tools).toEqual([{ googleSearch: {} }]);
    const plain = convertAnthropicMessagesToGemini(request, { upstreamModel: 'claude-sonnet-4-5', signatures: createSignatureCache() });
    expect(plain.upstreamModel).toBe('claude-sonnet-4-5');
    expect(plain.request.tools).toBeUndefined();
  });
});
