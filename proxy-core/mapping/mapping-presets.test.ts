import { describe, expect, it } from 'vitest';
import { knownUpstreamModels } from './known-upstream-models.js';
import { mappingPresets } from './mapping-presets.js';
import { resolveModel } from './resolve-model.js';

const preset = (name: string) => {
  const found = mappingPresets.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no preset ${name}`);
  return Object.fromEntries(found.rules.map((rule) => [rule.pattern, rule.target]));
};

describe('mapping presets', () => {
  it('point only at real upstream ids, with unique names', () => {
    for (const { rules } of mappingPresets) for (const rule of rules) expect(knownUpstreamModels).toContain(rule.target);
    expect(new Set(mappingPresets.map((candidate) => candidate.name)).size).toBe(mappingPresets.length);
  });

  it('OpenAI names to Gemini: small models to Flash, the rest to Pro', () => {
    const customMapping = preset('OpenAI names to Gemini');
    expect(resolveModel('gpt-4o-mini', { customMapping }).model).toBe('gemini-3-flash');
    expect(resolveModel('gpt-5-nano', { customMapping }).model).toBe('gemini-3-flash');
    expect(resolveModel('o4-mini', { customMapping }).model).toBe('gemini-3-flash');
    expect(resolveModel('gpt-4o', { customMapping }).model).toBe('gemini-3.1-pro-high');
    expect(resolveModel('o3', { customMapping }).model).toBe('gemini-3.1-pro-high');
    // Codex CLI 0.171.0's fast model.
    expect(resolveModel('gpt-6-luna', { customMapping }).model).toBe('gemini-3-flash');
    expect(resolveModel('gpt-6.2-sol', { customMapping }).model).toBe('gemini-3.1-pro-high');
  });

  it('Claude Code on Gemini: no Claude Code alias reaches a Claude model', () => {
    const customMapping = preset('Claude Code on Gemini');
    // Claude Code 2.1.197: opus, sonnet, haiku, fable (and best), and its named Mythos model.
    for (const name of ['claude-opus-4-8', 'claude-sonnet-5', 'claude-haiku-4-5-20251001', 'claude-fable-5', 'claude-mythos-5']) {
      expect(resolveModel(name, { customMapping }).model, name).toMatch(/^gemini-/);
    }
  });

  it('Claude Code: Claude for the main model, Flash for haiku', () => {
    const customMapping = preset('Claude Code: keep Claude for main model, Flash for haiku');
    expect(resolveModel('claude-opus-4-8', { customMapping }).model).toBe('claude-opus-4-6-thinking');
    expect(resolveModel('claude-sonnet-5', { customMapping }).model).toBe('claude-sonnet-4-5-thinking');
    expect(resolveModel('claude-haiku-4-5-20251001', { customMapping }).model).toBe('gemini-3-flash');
  });

  it('Everything on Flash: every name, upstream ids included', () => {
    const customMapping = preset('Everything on Flash (cheapest)');
    for (const name of ['gpt-4o', 'claude-opus-4-8', 'gemini-3-pro-high', 'anything']) expect(resolveModel(name, { customMapping }).model).toBe('gemini-3-flash');
  });
});
