import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', false, 'stop'],
    ['length', false, 'length'],
    ['content_filter', false, 'content_filter'],
    ['other', false, 'stop'],
    ['tool_calls', false, 'stop'],
    // Gemini ends a tool call with STOP, Claude-via-upstream with OTHER: calls decide.
    ['stop', true, 'tool_calls'],
    ['other', true, 'tool_calls'],
    ['tool_calls', true, 'tool_calls'],
  ] as const)('%s (tool calls emitted: %s) -> %s', (reason, hasToolCalls, expected) => {
    expect(mapOpenAIFinishReason(reason, hasToolCalls)).toBe(expected);
  });
});
