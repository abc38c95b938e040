import { describe, expect, it } from 'vitest';
import { geminiResponseChunkSchema } from '../canonical/gemini-schemas.js';
import { findResponseChunkProblem, isResponseChunk } from './check-gemini-response-chunk.js';

const part = (fields: Record<string, unknown>) => ({ candidates: [{ content: { role: 'model', parts: [fields] } }] });

const accepted: Array<[string, unknown]> = [
  ['an empty object', {}],
  [
    'a full chunk',
    {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'hi', thought: true, thoughtSignature: 'sig' }, { text: '' }] },
          finishReason: 'STOP',
          index: 0,
          safetyRatings: [],
        },
      ],
      usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, thoughtsTokenCount: 3, totalTokenCount: 6, cachedContentTokenCount: 0, extra: 'x' },
      modelVersion: 'gemini-3-flash',
      responseId: 'r1',
      promptFeedback: { blockReason: 'SAFETY', other: 1 },
      unknownTopLevel: { anything: true },
    },
  ],
  ['a function call', part({ functionCall: { name: 'f', args: { a: [1, { b: null }] }, id: 'c1' }, thoughtSignature: 's' })],
  ['a function call without args', part({ functionCall: { name: 'f' } })],
  ['inline data', part({ inlineData: { mimeType: 'image/png', data: 'AAAA' } })],
  ['file data', part({ fileData: { fileUri: 'gs://x' } })],
  ['a function response', part({ functionResponse: { name: 'f', response: {} } })],
  ['a candidate without content', { candidates: [{ finishReason: 'SAFETY' }] }],
  ['content without parts', { candidates: [{ content: { role: 'model' } }] }],
  ['no candidates and a block reason', { candidates: [], promptFeedback: { blockReason: 'OTHER' } }],
  ['unknown fields in a part', part({ text: 'x', videoMetadata: { a: 1 } })],
  [
    'grounding metadata',
    {
      candidates: [
        {
          finishReason: 'STOP',
          groundingMetadata: {
            webSearchQueries: ['q'],
            groundingChunks: [{ web: { uri: 'https://a', title: 'a' } }, { retrievedContext: {} }],
            groundingSupports: [{ segment: { startIndex: 0 } }],
            searchEntryPoint: { renderedContent: '<div/>' },
          },
        },
      ],
    },
  ],
];

const refused: Array<[string, unknown]> = [
  ['null', null],
  ['an array', []],
  ['a string', 'chunk'],
  ['candidates as a string', { candidates: 'nope' }],
  ['a candidate that is not an object', { candidates: [1] }],
  ['a second candidate of the wrong shape', { candidates: [{}, { content: 'x' }] }],
  ['content as an array', { candidates: [{ content: [] }] }],
  ['a numeric role', { candidates: [{ content: { role: 1 } }] }],
  ['parts as an object', { candidates: [{ content: { parts: {} } }] }],
  ['a null part', { candidates: [{ content: { parts: [null] } }] }],
  ['text as a number', part({ text: 5 })],
  ['text as null', part({ text: null })],
  ['thought as a string', part({ thought: 'yes' })],
  ['a numeric signature', part({ thoughtSignature: 1 })],
  ['inline data without data', part({ inlineData: { mimeType: 'image/png' } })],
  ['inline data as a string', part({ inlineData: 'x' })],
  ['file data without uri', part({ fileData: { mimeType: 'a/b' } })],
  ['file data with a numeric mime type', part({ fileData: { fileUri: 'u', mimeType: 1 } })],
  ['a function call without a name', part({ functionCall: { args: {} } })],
  ['function call args as an array', part({ functionCall: { name: 'f', args: [] } })],
  ['function call args as null', part({ functionCall: { name: 'f', args: null } })],
  ['a numeric function call id', part({ functionCall: { name: 'f', id: 7 } })],
  ['grounding metadata as a string', { candidates: [{ groundingMetadata: 'x' }] }],
  ['a numeric search query', { candidates: [{ groundingMetadata: { webSearchQueries: [1] } }] }],
  ['grounding chunks as an object', { candidates: [{ groundingMetadata: { groundingChunks: {} } }] }],
  ['a grounding chunk with a numeric uri', { candidates: [{ groundingMetadata: { groundingChunks: [{ web: { uri: 1 } }] } }] }],
  ['a function response without response', part({ functionResponse: { name: 'f' } })],
  ['a function response with an array response', part({ functionResponse: { name: 'f', response: [] } })],
  ['a numeric finish reason', { candidates: [{ finishReason: 1 }] }],
  ['a string index', { candidates: [{ index: '0' }] }],
  ['an infinite index', { candidates: [{ index: Number.POSITIVE_INFINITY }] }],
  ['usage as a number', { usageMetadata: 3 }],
  ['a string token count', { usageMetadata: { totalTokenCount: '3' } }],
  ['a numeric model version', { modelVersion: 3 }],
  ['a null response id', { responseId: null }],
  ['prompt feedback as a string', { promptFeedback: 'blocked' }],
  ['a numeric block reason', { promptFeedback: { blockReason: 2 } }],
];

describe('findResponseChunkProblem', () => {
  it.each(accepted)('accepts %s, as the zod schema does', (_name, value) => {
    expect(geminiResponseChunkSchema.safeParse(value).success).toBe(true);
    expect(findResponseChunkProblem(value)).toBeUndefined();
    expect(isResponseChunk(value)).toBe(true);
  });

  it.each(refused)('refuses %s, as the zod schema does', (_name, value) => {
    expect(geminiResponseChunkSchema.safeParse(value).success).toBe(false);
    expect(findResponseChunkProblem(value)).toEqual(expect.any(String));
    expect(isResponseChunk(value)).toBe(false);
  });

  it('names the field at fault', () => {
    expect(findResponseChunkProblem({ candidates: 'nope' })).toBe('candidates: expected array');
    expect(findResponseChunkProblem(part({ functionCall: { name: 'f', args: [] } }))).toBe('candidates[0].content.parts[0].functionCall.args: expected record');
  });

  it('hands the value on as it is, not a copy', () => {
    const value = part({ text: 'x', extra: { deep: true } });
    expect(isResponseChunk(value)).toBe(true);
    expect(JSON.stringify(value)).toBe(JSON.stringify(part({ text: 'x', extra: { deep: true } })));
  });
});
