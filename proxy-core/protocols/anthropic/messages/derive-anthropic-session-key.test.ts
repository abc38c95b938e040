import { describe, expect, it } from 'vitest';
import { parseAnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { deriveAnthropicSessionKey } from './derive-anthropic-session-key.js';

describe('deriveAnthropicSessionKey', () => {
  const messages = (system: unknown, extra: Record<string, unknown> = {}) =>
    deriveAnthropicSessionKey(parseAnthropicMessagesRequest({ model: 'm', max_tokens: 10, system, messages: [{ role: 'user', content: 'Q' }], ...extra }));
  it("ignores Claude Code's per-request billing block, and takes metadata.user_id when sent", () => {
    const plain = messages([{ type: 'text', text: 'You are Claude Code.' }]);
    expect(messages([{ type: 'text', text: 'x-anthropic-billing-header: cc_version=1.2.3' }, { type: 'text', text: 'You are Claude Code.' }])).toBe(plain);
    expect(messages('Another prompt')).not.toBe(plain);
    expect(messages('S', { metadata: { user_id: 'session-9' } })).toBe('client:session-9');
  });
});
