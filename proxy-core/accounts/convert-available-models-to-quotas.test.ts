import { describe, expect, it } from 'vitest';
import { convertAvailableModelsToQuotas } from './convert-available-models-to-quotas.js';

describe('convertAvailableModelsToQuotas', () => {
  it('keeps agent models with quota info', () => {
    expect(
      convertAvailableModelsToQuotas({
        models: {
          'gemini-3-flash': {
            displayName: 'Gemini 3 Flash',
            maxOutputTokens: 65536,
            quotaInfo: { remainingFraction: 0.75, resetTime: '2026-07-15T06:26:33Z' },
          },
          'claude-opus-4-6-thinking': { displayName: 'Claude Opus 4.6 (Thinking)', quotaInfo: { resetTime: '2026-07-15T07:00:00Z' } },
        },
      }),
    ).toEqual({
      'gemini-3-flash': { remainingFraction: 0.75, resetTime: '2026-07-15T06:26:33Z', displayName: 'Gemini 3 Flash' },
      'claude-opus-4-6-thinking': {
        remainingFraction: 0,
        resetTime: '2026-07-15T07:00:00Z',
        displayName: 'Claude Opus 4.6 (Thinking)',
      },
    });
  });

  it('drops internal models and models without quota info', () => {
    const quota = { quotaInfo: { remainingFraction: 1 } };
    expect(
      convertAvailableModelsToQuotas({
        models: {
          chat_20706: quota,
          tab_flash_lite_preview: quota,
          rev19_uic3_1p: quota,
          'gemini-2.5-flash-mquery': quota,
          'gemini-3-pro-high': {},
          'gemini-3-pro-low': quota,
        },
      }),
    ).toEqual({ 'gemini-3-pro-low': { remainingFraction: 1 } });
  });

  it('clamps fractions to 0..1', () => {
    expect(
      convertAvailableModelsToQuotas({
        models: { a: { quotaInfo: { remainingFraction: 1.5 } }, b: { quotaInfo: { remainingFraction: -0.2 } } },
      }),
    ).toEqual({ a: { remainingFraction: 1 }, b: { remainingFraction: 0 } });
  });

  it('reads a response without models as no quota', () => {
    expect(convertAvailableModelsToQuotas({})).toEqual({});
  });
});
