import { describe, expect, it } from 'vitest';
import { convertOpenAIResponsesInput, locateOpenAIResponsesInput } from './convert-openai-responses-input.js';
import { parseOpenAIResponsesRequest } from './openai-responses-request-schema.js';
import { encodeReasoningEncryptedContent } from './reasoning-encrypted-content.js';

function convert(input: unknown[], family: 'gemini' | 'claude' = 'gemini', instructions?: string) {
  const request = parseOpenAIResponsesRequest({ model: 'gpt-5', input, ...(instructions === undefined ? {} : { instructions }) });
  return convertOpenAIResponsesInput(request.instructions, locateOpenAIResponsesInput(request.input), { family });
}

describe('convertOpenAIResponsesInput', () => {
  it('turns every content part kind into its chat part, files by data, URL or id', () => {
    const { messages } = convert([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
          { type: 'input_image', file_id: 'file-img' },
          { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
          { type: 'input_file', file_url: 'https://example.com/b.pdf' },
          { type: 'input_file', file_id: 'file-c' },
        ],
      },
    ]);
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'file', file: { file_id: 'file-img' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' } },
          { type: 'image_url', image_url: { url: 'https://example.com/b.pdf' } },
          { type: 'file', file: { file_id: 'file-c', filename: null } },
        ],
      },
    ]);
  });

  it("joins an assistant message's output text and refusals into the turn's text", () => {
    const { messages } = convert([
      { role: 'user', content: 'hi' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Sure. ' }, { type: 'refusal', refusal: 'But not that.' }] },
    ]);
    expect(messages.at(-1)).toEqual({ role: 'assistant', content: 'Sure. But not that.' });
  });

  it('reads a reasoning item from its content when the summary is empty', () => {
    const { messages } = convert([
      { role: 'user', content: 'hi' },
      { type: 'reasoning', id: 'rs_1', summary: [], content: [{ type: 'reasoning_text', text: 'Thinking it over.' }] },
      { type: 'message', role: 'assistant', content: 'Done.' },
    ]);
    expect(messages.at(-1)).toEqual({ role: 'assistant', content: 'Done.', reasoning_content: 'Thinking it over.' });
  });

  it('restores signatures only from encrypted content this gateway wrote for the same family', () => {
    const signed = encodeReasoningEncryptedContent({ family: 'claude', reasoning: 'sig-reasoning', calls: { call_1: 'sig-call' } });
    const items = [
      { role: 'user', content: 'hi' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Plan.' }], encrypted_content: signed },
      { type: 'function_call', call_id: 'call_1', name: 'run', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
    ];
    expect(convert(items, 'claude').restoredSignatures).toEqual({ reasoning: [{ text: 'Plan.', signature: 'sig-reasoning' }], toolCalls: [{ id: 'call_1', signature: 'sig-call' }] });
    // Another family's signatures are never restored, and say nothing.
    const gemini = convert(items, 'gemini');
    expect(gemini.restoredSignatures).toEqual({ reasoning: [], toolCalls: [] });
    expect(gemini.warnings).toEqual([]);
    // Content some other service encrypted is ignored with a warning.
    const foreign = convert([{ role: 'user', content: 'hi' }, { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'gAAAAB-openai-blob' }], 'claude');
    expect(foreign.warnings).toEqual([{ code: 'thinking_dropped', message: 'input[1].encrypted_content was not written by this gateway; ignored' }]);
  });

  it('answers a local_shell output by its call_id, or by its id when it has none', () => {
    const call = { type: 'local_shell_call', id: 'ls_1', call_id: 'ls_1', status: 'completed', action: { type: 'exec', command: ['ls'], env: {} } };
    const byId = convert([{ role: 'user', content: 'list' }, call, { type: 'local_shell_call_output', id: 'ls_1', output: 'a.txt' }]);
    expect(byId.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'ls_1', content: 'a.txt' });
    expect(() => convert([{ role: 'user', content: 'list' }, call, { type: 'local_shell_call_output', id: 'ls_9', output: 'x' }])).toThrow(/input\[2\]\.id/);
  });

  it('keeps the instructions as the system message unless they are blank', () => {
    expect(convert([{ role: 'user', content: 'hi' }], 'gemini', 'Be brief.').messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(convert([{ role: 'user', content: 'hi' }], 'gemini', '   ').messages[0]).toEqual({ role: 'user', content: 'hi' });
  });
});
