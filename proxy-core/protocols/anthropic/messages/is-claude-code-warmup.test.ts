import { describe, expect, it } from 'vitest';
import type { AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { isClaudeCodeWarmup } from './is-claude-code-warmup.js';

const request = (fields: Partial<AnthropicMessagesRequest>) =>
  ({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'Warmup' }], ...fields }) as AnthropicMessagesRequest;

describe('isClaudeCodeWarmup', () => {
  it('recognises the probe as a string or as text blocks', () => {
    expect(isClaudeCodeWarmup(request({}))).toBe(true);
    expect(isClaudeCodeWarmup(request({ model: 'claude-3-5-haiku-20241022', messages: [{ role: 'user', content: [{ type: 'text', text: 'Warmup' }] }] }))).toBe(true);
  });

  it('leaves real turns alone', () => {
    expect(isClaudeCodeWarmup(request({ model: 'claude-sonnet-4-5' }))).toBe(false);
    expect(isClaudeCodeWarmup(request({ messages: [{ role: 'user', content: 'warmup' }] }))).toBe(false);
    expect(isClaudeCodeWarmup(request({ messages: [{ role: 'user', content: 'Warmup' }, { role: 'assistant', content: 'Ready.' }, { role: 'user', content: 'Warmup' }] }))).toBe(false);
    expect(
      isClaudeCodeWarmup(
        request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Warmup' }, { type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }] }] } as Partial<AnthropicMessagesRequest>),
      ),
    ).toBe(false);
  });
});
