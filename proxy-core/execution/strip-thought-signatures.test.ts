import { describe, expect, it } from 'vitest';
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import { skipThoughtSignature } from '../signatures/model-family.js';
import { stripThoughtSignatures } from './strip-thought-signatures.js';

const history: GeminiGenerateContentRequest = {
  contents: [
    { role: 'user', parts: [{ text: 'weather in Paris and Rome?' }] },
    {
      role: 'model',
      parts: [
        { thought: true, text: 'Two calls.', thoughtSignature: 'sig-thought' },
        { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' },
        { functionCall: { name: 'weather', args: { city: 'Rome' } }, thoughtSignature: 'sig-2' },
      ],
    },
    { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { result: 'sunny' } } }] },
    { role: 'model', parts: [{ thought: true, text: 'only thinking', thoughtSignature: 'sig-3' }] },
  ],
  generationConfig: { maxOutputTokens: 100, thinkingConfig: { includeThoughts: true, thinkingBudget: 50 } },
};

describe('stripThoughtSignatures', () => {
  it('Gemini: drops thinking, puts the skip value on the first call of each turn, none on the others', () => {
    const stripped = stripThoughtSignatures(history, 'gemini');
    expect(stripped.contents).toEqual([
      history.contents[0],
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: skipThoughtSignature },
          { functionCall: { name: 'weather', args: { city: 'Rome' } } },
        ],
      },
      history.contents[2],
    ]);
    expect(stripped.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 50 });
  });

  it('Claude: drops thinking and signatures, and turns thinking off', () => {
    const stripped = stripThoughtSignatures(history, 'claude');
    expect(stripped.contents[1]?.parts).toEqual([
      { functionCall: { name: 'weather', args: { city: 'Paris' } } },
      { functionCall: { name: 'weather', args: { city: 'Rome' } } },
    ]);
    expect(stripped.generationConfig).toEqual({ maxOutputTokens: 100 });
  });

  it('Gemini: the skip value goes on the first call, not on the text before it', () => {
    const request: GeminiGenerateContentRequest = {
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        { role: 'model', parts: [{ text: 'Let me look.' }, { functionCall: { name: 'weather', args: {} }, thoughtSignature: 'sig-1' }] },
      ],
    };
    expect(stripThoughtSignatures(request, 'gemini').contents[1]?.parts).toEqual([
      { text: 'Let me look.' },
      { functionCall: { name: 'weather', args: {} }, thoughtSignature: skipThoughtSignature },
    ]);
  });

  it('Claude: a request without thinking settings gets none', () => {
    const request: GeminiGenerateContentRequest = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    expect(stripThoughtSignatures(request, 'claude')).toEqual(request);
    const withConfig: GeminiGenerateContentRequest = { ...request, generationConfig: { maxOutputTokens: 10 } };
    expect(stripThoughtSignatures(withConfig, 'claude').generationConfig).toEqual({ maxOutputTokens: 10 });
  });

  it('passes user turns through untouched, an empty one included', () => {
    const empty = { role: 'user' as const, parts: [] };
    const request: GeminiGenerateContentRequest = { contents: [history.contents[0] as GeminiGenerateContentRequest['contents'][number], empty] };
    const stripped = stripThoughtSignatures(request, 'gemini');
    expect(stripped.contents).toHaveLength(2);
    expect(stripped.contents[0]).toBe(history.contents[0]);
    expect(stripped.contents[1]).toBe(empty);
  });

  it('does not touch the request it was given', () => {
    const before = JSON.stringify(history);
    stripThoughtSignatures(history, 'claude');
    expect(JSON.stringify(history)).toBe(before);
  });
});
