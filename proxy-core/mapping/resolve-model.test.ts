import { describe, expect, it } from 'vitest';
import { matchWildcard } from './match-wildcard.js';
import { resolveModel } from './resolve-model.js';

describe('matchWildcard', () => {
  it.each([
    ['gpt-4*', 'gpt-4o', true],
    ['gpt-4*', 'gpt-4', true],
    ['gpt-4*', 'xgpt-4o', false],
    ['*-mini', 'o4-mini', true],
    ['claude-*-thinking', 'claude-sonnet-4-5-thinking', true],
    ['claude-*-thinking', 'claude-sonnet-4-5', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['*', 'anything', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    // A middle piece must fit before the last one, and each piece is looked for after the one before.
    ['a*bc*c', 'abc', false],
    ['a*b*b*c', 'abxc', false],
    ['a*b*b*c', 'abbc', true],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(matchWildcard(pattern, name)).toBe(expected);
  });
});

describe('resolveModel', () => {
  it('prefers an exact rule over any wildcard', () => {
    const resolved = resolveModel('gpt-4o', { customMapping: { 'gpt-4*': 'gemini-3-pro-high', 'gpt-4o': 'gemini-3-flash' } });
    expect(resolved).toEqual({ requested: 'gpt-4o', model: 'gemini-3-flash', rule: { kind: 'exact', pattern: 'gpt-4o' }, webSearch: false });
  });

  it('picks the wildcard with the most literal characters', () => {
    const mapping = { '*': 'a', 'gpt-*': 'b', 'gpt-4o*': 'c', '*-mini': 'd' };
    expect(resolveModel('gpt-4o-mini', { customMapping: mapping }).rule.pattern).toBe('gpt-4o*');
    expect(resolveModel('o4-mini', { customMapping: mapping }).rule.pattern).toBe('*-mini');
    expect(resolveModel('llama', { customMapping: mapping }).model).toBe('a');
  });

  it('breaks ties by fewer stars, then alphabetically, whatever the insertion order', () => {
    const one = resolveModel('ab-cd', { customMapping: { 'ab*': 'x', '*cd': 'y' } });
    const two = resolveModel('ab-cd', { customMapping: { '*cd': 'y', 'ab*': 'x' } });
    expect(one).toEqual(two);
    expect(one.rule.pattern).toBe('*cd');
    expect(resolveModel('abcd', { customMapping: { 'a*cd': 'x', 'ab*d*': 'y' } }).rule.pattern).toBe('a*cd');
  });

  it('lets user rules override upstream ids and defaults', () => {
    expect(resolveModel('gemini-3-flash', { customMapping: { 'gemini-*': 'gemini-2.5-pro' } }).model).toBe('gemini-2.5-pro');
  });

  it('never lets defaults rewrite a real upstream id', () => {
    expect(resolveModel('claude-sonnet-4-5', { customMapping: {} })).toMatchObject({ model: 'claude-sonnet-4-5', rule: { kind: 'upstream_model' } });
    expect(resolveModel('gemini-9-ultra', { customMapping: {}, extraUpstreamModels: new Set(['gemini-9-ultra']) }).rule.kind).toBe('upstream_model');
  });

  it('falls back to the built-in table, then passes through', () => {
    expect(resolveModel('claude-sonnet-4-5-20250929', { customMapping: {} })).toMatchObject({ model: 'claude-sonnet-4-5-thinking', rule: { kind: 'default' } });
    expect(resolveModel('claude-haiku-4-5-20251001', { customMapping: {} }).model).toBe('gemini-3-flash');
    expect(resolveModel('gpt-4o-mini', { customMapping: {} }).model).toBe('gemini-3-flash');
    expect(resolveModel('gpt-4o', { customMapping: {} }).model).toBe('gemini-3-pro-high');
    expect(resolveModel('my-local-model', { customMapping: {} })).toMatchObject({ model: 'my-local-model', rule: { kind: 'passthrough' } });
  });

  // What `claude --model <alias>` sends in Claude Code 2.1.197 (captured from its requests).
  it.each([
    ['claude-opus-4-8', 'claude-opus-4-6-thinking'],
    ['claude-sonnet-5', 'claude-sonnet-4-5-thinking'],
    ['claude-fable-5', 'claude-opus-4-6-thinking'],
    ['claude-haiku-4-5-20251001', 'gemini-3-flash'],
    ['claude-sonnet-4-5-thinking', 'claude-sonnet-4-5-thinking'],
    ['claude-3-7-sonnet-20250219', 'claude-sonnet-4-5'],
  ])('maps Claude Code name %s to %s', (requested, model) => {
    expect(resolveModel(requested, { customMapping: {} }).model).toBe(model);
  });

  it('reads an -online name as the name without it, asked to search the web', () => {
    expect(resolveModel('gemini-3-flash-online', { customMapping: {} })).toMatchObject({ model: 'gemini-3-flash', rule: { kind: 'upstream_model' }, webSearch: true });
    // The rest of the name is mapped as usual.
    expect(resolveModel('gpt-4o-mini-online', { customMapping: {} })).toMatchObject({ model: 'gemini-3-flash', rule: { kind: 'default', pattern: 'gpt-4o-mini*' }, webSearch: true });
    expect(resolveModel('team-online', { customMapping: { 'team*': 'claude-sonnet-4-5' } })).toMatchObject({ model: 'claude-sonnet-4-5', webSearch: true });
    // A rule target ending in -online searches too; an exact rule for the whole name wins over the suffix.
    expect(resolveModel('researcher', { customMapping: { researcher: 'gemini-3-pro-high-online' } })).toMatchObject({ model: 'gemini-3-pro-high', webSearch: true });
    expect(resolveModel('news-online', { customMapping: { 'news-online': 'gemini-3-flash' } })).toMatchObject({ model: 'gemini-3-flash', webSearch: false });
    expect(resolveModel('-online', { customMapping: {} })).toMatchObject({ model: '-online', webSearch: false });
    expect(resolveModel('gemini-3-flash', { customMapping: {} }).webSearch).toBe(false);
  });

  it('accepts Gemini-style `models/` prefixes', () => {
    expect(resolveModel('models/gemini-3-flash', { customMapping: {} }).model).toBe('gemini-3-flash');
  });

  it('reads the name without the blanks around it, but reports it as the client sent it', () => {
    expect(resolveModel('  gemini-3-flash\n', { customMapping: {} })).toEqual({
      requested: '  gemini-3-flash\n',
      model: 'gemini-3-flash',
      rule: { kind: 'upstream_model' },
      webSearch: false,
    });
    expect(resolveModel(' gpt-4o ', { customMapping: { 'gpt-4o': 'claude-sonnet-4-5' } })).toMatchObject({ model: 'claude-sonnet-4-5', rule: { kind: 'exact', pattern: 'gpt-4o' } });
    expect(resolveModel(' models/gemini-2.5-pro ', { customMapping: {} }).model).toBe('gemini-2.5-pro');
  });

  it('takes a user rule whose key has a star only as a wildcard, never as an exact name', () => {
    // `gpt-*` matches itself as a wildcard (kind wildcard), not as an exact rule.
    expect(resolveModel('gpt-*', { customMapping: { 'gpt-*': 'gemini-3-flash' } }).rule).toEqual({ kind: 'wildcard', pattern: 'gpt-*' });
    // Equal literal characters and stars: the alphabetically first pattern.
    expect(resolveModel('xy', { customMapping: { 'y*': 'b', '*y': 'c', 'x*': 'a' } }).rule.pattern).toBe('*y');
  });

  it('strips `models/` only at the start of the name', () => {
    expect(resolveModel('my-models/x', { customMapping: {} })).toMatchObject({ model: 'my-models/x', rule: { kind: 'passthrough' } });
  });

  it('uses the listed models only when the accounts list some; an empty list falls back to the known ids', () => {
    expect(resolveModel('gemini-3-flash', { customMapping: {}, extraUpstreamModels: new Set() }).rule).toEqual({ kind: 'upstream_model' });
  });

  it('passes an image model name with size or ratio suffixes through, for known and listed image models only', () => {
    // A listed image model's suffixed name is called as sent (the suffixes are read later).
    expect(resolveModel('gemini-4-image-16x9', { customMapping: {}, extraUpstreamModels: new Set(['gemini-4-image']) })).toMatchObject({
      model: 'gemini-4-image-16x9',
      rule: { kind: 'passthrough' },
    });
    // Suffixes on a model that is not an image model are not image suffixes: the family decides.
    expect(resolveModel('gemini-3-flash-16x9', { customMapping: {} })).toMatchObject({ model: 'gemini-3-flash', rule: { kind: 'family', pattern: 'flash' } });
    // A name that merely has an image model's length before its suffixes is not that model.
    expect(resolveModel('my-own-flash-xxxxx-16x9', { customMapping: {} }).rule).toEqual({ kind: 'family', pattern: 'flash' });
  });

  it('on equal literal characters, fewer stars win', () => {
    expect(resolveModel('abcd', { customMapping: { 'a*b*c*d': 'many', 'ab*cd': 'one' } }).rule.pattern).toBe('ab*cd');
    expect(resolveModel('abcd', { customMapping: { 'ab*cd': 'one', 'a*b*c*d': 'many' } }).rule.pattern).toBe('ab*cd');
  });
});

describe('resolveModel with what the accounts list', () => {
  it('a known id of no family that the accounts do not list is called as it is (the upstream answers for it)', () => {
    expect(resolveModel('gpt-oss-120b-medium', { customMapping: {}, extraUpstreamModels: new Set(['gemini-3-flash']) })).toMatchObject({
      model: 'gpt-oss-120b-medium',
      rule: { kind: 'default', pattern: 'gpt-oss-120b-medium' },
    });
  });
});
