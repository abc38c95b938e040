import { describe, expect, it } from 'vitest';
import { deriveOpenAIChatSessionKey } from './derive-openai-chat-session-key.js';
import { parseOpenAIChatRequest } from './openai-chat-request-schema.js';

describe('deriveOpenAIChatSessionKey', () => {
  const chat = (messages: unknown[], extra: Record<string, unknown> = {}) => deriveOpenAIChatSessionKey(parseOpenAIChatRequest({ model: 'm', messages, ...extra }));
  it('is the same on every turn of one conversation, and differs for another opening', () => {
    const first = chat([{ role: 'system', content: 'S' }, { role: 'user', content: 'Q1' }]);
    expect(chat([{ role: 'system', content: 'S' }, { role: 'user', content: 'Q1' }, { role: 'assistant', content: 'A' }, { role: 'user', content: 'Q2' }])).toBe(first);
    expect(chat([{ role: 'system', content: 'S' }, { role: 'user', content: 'other' }])).not.toBe(first);
    expect(first).toMatch(/^hash:[0-9a-f]{32}$/);
  });
  it('takes the conversation the client names (prompt_cache_key, else user)', () => {
    expect(chat([{ role: 'user', content: 'Q' }], { prompt_cache_key: 'conv-1', user: 'u' })).toBe('client:conv-1');
    expect(chat([{ role: 'user', content: 'Q' }], { user: 'u' })).toBe('client:u');
  });
});
