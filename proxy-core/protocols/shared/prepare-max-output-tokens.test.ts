import { describe, expect, it } from 'vitest';
import type { ConversionWarning } from '../../canonical/conversion-warning.js';
import { findOutputTokenLimit } from '../gemini/gemini-output-token-limit.js';
import { prepareMaxOutputTokens } from './prepare-max-output-tokens.js';

describe('prepareMaxOutputTokens', () => {
  it('keeps the client limit when it fits, and sends none when none was asked for and no floor applies', () => {
    const warnings: ConversionWarning[] = [];
    expect(prepareMaxOutputTokens(4096, undefined, 'max_tokens', warnings, 65536)).toBe(4096);
    expect(prepareMaxOutputTokens(65536, undefined, 'max_tokens', warnings, 65536)).toBe(65536);
    expect(prepareMaxOutputTokens(undefined, undefined, 'max_tokens', warnings, 65536)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('raises a limit at or below the thinking floor, with a warning naming the client field', () => {
    const warnings: ConversionWarning[] = [];
    expect(prepareMaxOutputTokens(1000, 9216, 'max_tokens', warnings)).toBe(9216);
    expect(prepareMaxOutputTokens(undefined, 9216, 'max_tokens', warnings)).toBe(9216);
    expect(prepareMaxOutputTokens(9216, 9216, 'max_tokens', warnings)).toBe(9216);
    expect(warnings).toEqual([{ code: 'max_tokens_adjusted', message: 'max_tokens 1000 raised to 9216 to leave room for an answer after the thinking budget' }]);
  });

  it('lowers a limit above what the model answers with (Google refuses it), with a warning', () => {
    const warnings: ConversionWarning[] = [];
    expect(prepareMaxOutputTokens(100000, 32768, 'max_output_tokens', warnings, 65536)).toBe(65536);
    expect(prepareMaxOutputTokens(65537, undefined, 'maxOutputTokens', warnings, 65536)).toBe(65536);
    expect(warnings).toEqual([
      { code: 'max_tokens_adjusted', message: 'max_output_tokens 100000 lowered to 65536, the most this model answers with' },
      { code: 'max_tokens_adjusted', message: 'maxOutputTokens 65537 lowered to 65536, the most this model answers with' },
    ]);
  });
});

describe('findOutputTokenLimit', () => {
  it('knows Gemini 2.5 and 3 answer at most 65,536 tokens and leaves other families to the client', () => {
    for (const model of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash', 'gemini-3-pro-high', 'gemini-3.1-pro-low', 'Gemini-3-Flash']) {
      expect(findOutputTokenLimit(model), model).toBe(65536);
    }
    for (const model of ['gemini-2.0-flash', 'claude-sonnet-4-5', 'claude-opus-4-6-thinking', 'gpt-oss-120b-medium']) {
      expect(findOutputTokenLimit(model), model).toBeUndefined();
    }
  });
});
