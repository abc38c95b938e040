import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { parseAnthropicMessagesRequest } from './anthropic-messages-request-schema.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

function parseError(body: unknown): GatewayError {
  try {
    parseAnthropicMessagesRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('parseAnthropicMessagesRequest', () => {
  it('keeps fields it does not read, for the converter to report', () => {
    const parsed = parseAnthropicMessagesRequest({ ...base, context_management: { edits: [] }, container: 'c', speed: 'fast' });
    expect(parsed).toMatchObject({ context_management: { edits: [] }, container: 'c', speed: 'fast' });
  });

  it('accepts Anthropic block types the upstream cannot carry, and rejects types Anthropic does not have', () => {
    expect(() => parseAnthropicMessagesRequest({ ...base, messages: [{ role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] }] })).not.toThrow();
    const error = parseError({ ...base, messages: [{ role: 'user', content: [{ type: 'hologram' }] }] });
    expect(error).toMatchObject({ kind: 'invalid_request', param: 'messages.0.content.0.type' });
  });

  it('names the field at fault in Anthropic notation', () => {
    expect(parseError({ ...base, max_tokens: 'lots' })).toMatchObject({ param: 'max_tokens', message: "Invalid 'max_tokens': must be a number, got a string." });
    expect(parseError({ model: 'm', max_tokens: 1 })).toMatchObject({ param: 'messages', message: "Missing required parameter: 'messages'." });
    expect(parseError({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png' } }] }] })).toMatchObject({
      param: 'messages.0.content.0.source.data',
    });
    expect(parseError({ ...base, temperature: 1.5 })).toMatchObject({ param: 'temperature' });
  });

  it('treats the "[undefined]" literal of templating clients as absent', () => {
    expect(parseAnthropicMessagesRequest({ ...base, temperature: '[undefined]' }).temperature).toBeUndefined();
  });
});
