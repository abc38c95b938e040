import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { parseOpenAIChatRequest } from './openai-chat-request-schema.js';

const user = { role: 'user', content: 'Hi' };
const valid = { model: 'gpt-4o', messages: [user] };

function parseError(body: unknown): GatewayError {
  try {
    parseOpenAIChatRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected parseOpenAIChatRequest to throw');
}

describe('parseOpenAIChatRequest', () => {
  it('accepts a full request, with unknown fields and nulls for unset options', () => {
    const body = {
      ...valid,
      messages: [
        { role: 'system', content: 'S' },
        { role: 'developer', content: [{ type: 'text', text: 'D' }] },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'auto' } }], name: 'me' },
        { role: 'assistant', content: null, reasoning_content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } },
        { role: 'function', name: 'f', content: 'ok' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      max_tokens: null,
      stop: null,
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'minimal',
      stream: true,
      stream_options: { include_usage: true },
      logprobs: true,
      service_tier: 'auto',
    };
    const parsed = parseOpenAIChatRequest(body);
    expect(parsed.messages).toHaveLength(7);
    expect(parsed.reasoning_effort).toBe('minimal');
    expect((parsed as Record<string, unknown>).service_tier).toBe('auto');
  });

  it('treats Cherry Studio "[undefined]" values as unset', () => {
    const parsed = parseOpenAIChatRequest({
      ...valid,
      temperature: '[undefined]',
      reasoning_effort: '[undefined]',
      stop: ['[undefined]', 'END'],
      messages: [user, { role: 'assistant', content: 'ok', reasoning_content: '[undefined]' }],
    });
    expect(parsed.temperature).toBeUndefined();
    expect(parsed.reasoning_effort).toBeUndefined();
    expect(parsed.stop).toEqual(['END']);
    expect(parsed.messages[1]).toMatchObject({ reasoning_content: '' });
  });

  it.each([
    ['a non-object body (null)', null],
    ['a non-object body (array)', [valid]],
    ['a non-object body (string)', 'hello'],
  ])('rejects %s', (_, body) => {
    const error = parseError(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/JSON object/);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['missing model', { messages: [user] }, 'model', /Missing required parameter: 'model'/],
    ['empty model', { ...valid, model: '' }, 'model', /must not be empty/],
    ['missing messages', { model: 'm' }, 'messages', /Missing required parameter: 'messages'/],
    ['messages not an array', { model: 'm', messages: 'hi' }, 'messages', /must be an array/],
    ['empty messages', { model: 'm', messages: [] }, 'messages', /at least 1/],
    ['unknown role', { model: 'm', messages: [user, user, { role: 'robot', content: 'x' }] }, 'messages[2].role', /"system", "developer", "user", "assistant", "tool", "function"/],
    ['tool message without tool_call_id', { model: 'm', messages: [user, { role: 'tool', content: 'x' }] }, 'messages[1].tool_call_id', /Missing required parameter/],
    ['content of the wrong type', { model: 'm', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content', /string or an array of content parts/],
    ['unknown content part type', { model: 'm', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] }, 'messages[0].content[0].type', /"text", "image_url"/],
    ['image part without url', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url', /Missing/],
    ['tool call arguments not a string', { model: 'm', messages: [user, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] }, 'messages[1].tool_calls[0].function.arguments', /must be a string/],
    ['n > 1', { ...valid, n: 2 }, 'n', /n > 1 is not supported/],
    ['temperature of the wrong type', { ...valid, temperature: 'hot' }, 'temperature', /must be a number/],
    ['temperature out of range', { ...valid, temperature: 3 }, 'temperature', /<= 2/],
    ['max_tokens not an integer', { ...valid, max_tokens: 1.5 }, 'max_tokens', /integer/],
    ['more than 5 stop sequences', { ...valid, stop: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'stop', /at most 5/],
    ['stop of the wrong type', { ...valid, stop: 3 }, 'stop', /string or an array of strings/],
    ['unknown tool_choice', { ...valid, tool_choice: 'sometimes' }, 'tool_choice', /"none", "auto", "required"/],
    ['tool_choice function without a name', { ...valid, tool_choice: { type: 'function', function: {} } }, 'tool_choice.function.name', /Missing/],
    ['non-function tool', { ...valid, tools: [{ type: 'code_interpreter' }] }, 'tools[0].type', /"function"/],
    ['tool without a name', { ...valid, tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name', /Missing/],
    ['unknown response_format', { ...valid, response_format: { type: 'xml' } }, 'response_format.type', /"text", "json_object", "json_schema"/],
    ['unknown reasoning_effort', { ...valid, reasoning_effort: 'max' }, 'reasoning_effort', /"none", "minimal", "low", "medium", "high"/],
    ['stream not a boolean', { ...valid, stream: 'yes' }, 'stream', /must be a boolean/],
  ])('rejects %s', (_, body, param, message) => {
    const error = parseError(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });
});
