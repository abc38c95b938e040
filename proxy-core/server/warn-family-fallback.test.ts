import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logging/logger.js';
import { resolveModel } from '../mapping/resolve-model.js';
import { warnFamilyFallback } from './warn-family-fallback.js';

function recordingLogger() {
  const warn = vi.fn<Logger['warn']>();
  return { debug: vi.fn<Logger['debug']>(), info: vi.fn<Logger['info']>(), warn, error: vi.fn<Logger['error']>() } satisfies Logger;
}
const resolve = (name: string) => resolveModel(name, { customMapping: {} });

describe('warnFamilyFallback', () => {
  it('warns once per name that only its family mapped, naming the model used and how to choose another', () => {
    const logger = recordingLogger();
    warnFamilyFallback(logger, resolve('gemini-4-flash'));
    warnFamilyFallback(logger, resolve('gemini-4-flash'));
    warnFamilyFallback(logger, resolve('gemini-4-pro'));
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0]?.[0]).toBe(
      'Model "gemini-4-flash" matches no mapping rule and no account lists it; serving it with gemini-3-flash (family flash). Add a rule to proxy.custom_mapping to choose the model yourself.',
    );
    expect(logger.warn.mock.calls[1]?.[1]).toEqual({ model: 'gemini-4-pro', mapped_model: 'gemini-3-pro-high', rule: 'family' });
  });

  it('says nothing for names a rule, the table or the accounts know, nor for names with no family', () => {
    const logger = recordingLogger();
    for (const name of ['gemini-3-flash', 'gpt-4o', 'claude-opus-4-8', 'foo']) warnFamilyFallback(logger, resolve(name));
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('remembers per gateway (logger), and a bounded number of names', () => {
    const first = recordingLogger();
    const second = recordingLogger();
    warnFamilyFallback(first, resolve('gemini-4-flash'));
    warnFamilyFallback(second, resolve('gemini-4-flash'));
    expect(first.warn).toHaveBeenCalledTimes(1);
    expect(second.warn).toHaveBeenCalledTimes(1);
    // Past 1,000 names the memory starts over, so a long-running gateway does not grow without end.
    for (let index = 0; index < 1000; index += 1) warnFamilyFallback(first, resolve(`gemini-x${index}-flash`));
    warnFamilyFallback(first, resolve('gemini-4-flash'));
    expect(first.warn).toHaveBeenCalledTimes(1002);
  });
});
