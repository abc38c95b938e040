/** A name nobody listed yet still says what it wants: its family, then the served model of that family and tier. */
import { describe, expect, it } from 'vitest';
import { chooseFamilyModel, detectModelFamily } from './choose-family-model.js';

describe('detectModelFamily', () => {
  it.each([
    ['gemini-4-flash-image', 'image'],
    ['gemini-4-image-lite', 'image'],
    ['GEMINI-4-PRO-IMAGE', 'image'],
    ['gemini-4-flash-lite', 'flash-lite'],
    ['my-flash-lite', 'flash-lite'],
    ['gemini-4-flash', 'flash'],
    ['mistral-flash', 'flash'],
    ['Gemini-4-Flash', 'flash'],
    ['gemini-4-pro', 'pro'],
    ['gemini-4-pro-low', 'pro'],
    ['claude-5-opus', 'opus'],
    ['CLAUDE-OPUS-9', 'opus'],
    ['claude-5-sonnet', 'sonnet'],
    ['bedrock.sonnet-5', 'sonnet'],
    ['anthropic.claude-5-haiku', 'haiku'],
    ['haiku', 'haiku'],
  ])('%s is a %s', (name, family) => {
    expect(detectModelFamily(name)).toBe(family);
  });

  it.each([
    // "image" only counts on a Gemini name; "pro" only on a Gemini one, "opus" only on a Claude one.
    ['dall-e-image'],
    ['gpt-pro'],
    ['claude-5-pro'],
    ['vendor-opus-5'],
    ['gemini-9-ultra'],
    ['foo'],
    ['llama-4-scout'],
    [''],
  ])('%s has no family', (name) => {
    expect(detectModelFamily(name)).toBeUndefined();
  });
});

describe('chooseFamilyModel before any account was read', () => {
  it.each([
    ['image', 'gemini-3-pro-image'],
    ['flash-lite', 'gemini-3-flash'],
    ['flash', 'gemini-3-flash'],
    ['pro', 'gemini-3-pro-high'],
    ['opus', 'claude-opus-4-6-thinking'],
    ['sonnet', 'claude-sonnet-4-5-thinking'],
    ['haiku', 'gemini-3-flash'],
  ] as const)('%s -> %s (the built-in choice)', (family, model) => {
    expect(chooseFamilyModel(family, undefined)).toBe(model);
    expect(chooseFamilyModel(family, new Set())).toBe(model);
  });

  it('a low-tier name gets the low Pro; low tier means nothing for other families', () => {
    expect(chooseFamilyModel('pro', undefined, { lowTier: true })).toBe('gemini-3-pro-low');
    expect(chooseFamilyModel('pro', new Set(), { lowTier: true })).toBe('gemini-3-pro-low');
    expect(chooseFamilyModel('pro', undefined, { lowTier: false })).toBe('gemini-3-pro-high');
    expect(chooseFamilyModel('flash', undefined, { lowTier: true })).toBe('gemini-3-flash');
  });
});

describe('chooseFamilyModel from what the accounts list', () => {
  it('takes the preferred ids in their order, whatever order they were listed in', () => {
    expect(chooseFamilyModel('pro', new Set(['gemini-2.5-pro', 'gemini-3-pro-high', 'gemini-3.1-pro-high']))).toBe('gemini-3.1-pro-high');
    expect(chooseFamilyModel('pro', new Set(['gemini-2.5-pro', 'gemini-3-pro-high']))).toBe('gemini-3-pro-high');
    expect(chooseFamilyModel('flash', new Set(['gemini-2.5-flash', 'gemini-3-flash']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('sonnet', new Set(['claude-sonnet-4-5', 'claude-sonnet-4-6']))).toBe('claude-sonnet-4-6');
  });

  it('a preferred id beats any other listed one; among the others the name last in sort order wins (plain string order)', () => {
    expect(chooseFamilyModel('flash', new Set(['gemini-9-flash', 'gemini-2.5-flash']))).toBe('gemini-2.5-flash');
    expect(chooseFamilyModel('flash', new Set(['gemini-3.5-flash', 'gemini-3.6-flash', 'gemini-3.10-flash']))).toBe('gemini-3.6-flash');
    expect(chooseFamilyModel('opus', new Set(['claude-opus-5', 'claude-opus-6']))).toBe('claude-opus-6');
  });

  it('keeps each group to its own kind: Lite, image and other vendors do not count as Flash or Pro', () => {
    expect(chooseFamilyModel('flash', new Set(['gemini-3.5-flash-lite', 'gemini-3-flash-image', 'other-flash', 'gemini-4-flash']))).toBe('gemini-4-flash');
    expect(chooseFamilyModel('flash-lite', new Set(['gemini-4-flash-lite-image', 'gemini-4-flash-lite']))).toBe('gemini-4-flash-lite');
    expect(chooseFamilyModel('pro', new Set(['gemini-3-pro-image', 'vendor-pro', 'gemini-4-pro']))).toBe('gemini-4-pro');
    expect(chooseFamilyModel('image', new Set(['gemini-3-flash', 'gemini-4-image']))).toBe('gemini-4-image');
    expect(chooseFamilyModel('opus', new Set(['vendor-opus', 'claude-opus-5']))).toBe('claude-opus-5');
    expect(chooseFamilyModel('sonnet', new Set(['vendor-sonnet', 'claude-sonnet-5']))).toBe('claude-sonnet-5');
    // Each group takes only ids of its vendor and its kind; the others are looked for in the next group.
    expect(chooseFamilyModel('flash-lite', new Set(['vendor-flash-lite', 'gemini-3-flash']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('flash', new Set(['gemini-3.1-pro-high']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('pro', new Set(['gemini-9-ultra', 'gemini-3-flash']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('opus', new Set(['claude-ultra-5', 'claude-sonnet-4-5']))).toBe('claude-sonnet-4-5');
    expect(chooseFamilyModel('sonnet', new Set(['claude-ultra-5', 'claude-opus-4-5-thinking']))).toBe('claude-opus-4-5-thinking');
  });

  it('a low-tier name gets a -low model first, any other name a model that is not -low first', () => {
    const pro = new Set(['gemini-3.1-pro-high', 'gemini-3.1-pro-low']);
    expect(chooseFamilyModel('pro', pro, { lowTier: true })).toBe('gemini-3.1-pro-low');
    expect(chooseFamilyModel('pro', pro)).toBe('gemini-3.1-pro-high');
    // Only -low listed: a high-tier name still gets served by it, and the other way round.
    expect(chooseFamilyModel('pro', new Set(['gemini-3-pro-low']))).toBe('gemini-3-pro-low');
    expect(chooseFamilyModel('pro', new Set(['gemini-3-pro-high']), { lowTier: true })).toBe('gemini-3-pro-high');
    expect(chooseFamilyModel('pro', new Set(['gemini-3.1-pro-high']), { lowTier: true })).toBe('gemini-3.1-pro-high');
  });

  it('looks in the next group of its search order when its own has nothing listed', () => {
    const geminiOnly = new Set(['gemini-3-flash', 'gemini-3.1-pro-high']);
    expect(chooseFamilyModel('opus', geminiOnly)).toBe('gemini-3.1-pro-high');
    expect(chooseFamilyModel('sonnet', geminiOnly)).toBe('gemini-3.1-pro-high');
    expect(chooseFamilyModel('opus', new Set(['claude-sonnet-4-5', 'gemini-3.1-pro-high']))).toBe('claude-sonnet-4-5');
    expect(chooseFamilyModel('sonnet', new Set(['claude-opus-4-5-thinking', 'gemini-3.1-pro-high']))).toBe('claude-opus-4-5-thinking');
    expect(chooseFamilyModel('flash-lite', geminiOnly)).toBe('gemini-3-flash');
    expect(chooseFamilyModel('pro', new Set(['gemini-3-flash']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('haiku', new Set(['claude-sonnet-4-5', 'gemini-2.5-flash']))).toBe('gemini-2.5-flash');
  });

  it('with nothing of its kind listed anywhere on its search order: the built-in choice', () => {
    expect(chooseFamilyModel('image', new Set(['gemini-3-flash']))).toBe('gemini-3-pro-image');
    expect(chooseFamilyModel('flash', new Set(['claude-sonnet-4-5']))).toBe('gemini-3-flash');
    expect(chooseFamilyModel('haiku', new Set(['claude-sonnet-4-5']))).toBe('gemini-3-flash');
  });
});
