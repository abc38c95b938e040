/**
 * The model names real clients send, and where they end up. Each client row was read from the
 * client's published npm package (the version column); adding a client's new names is one line.
 * The rows below the clients are the family fallback for names nobody listed.
 */
import { describe, expect, it } from 'vitest';
import { resolveModel, type MappingRuleKind } from './resolve-model.js';

/** What a typical Antigravity account lists in fetchAvailableModels (UPSTREAM-PROTOCOL.md §10, §13). */
const typicalAccount = new Set([
  'gemini-3-flash',
  'gemini-3-pro-high',
  'gemini-3-pro-low',
  'gemini-3.1-pro-high',
  'gemini-3.1-pro-low',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.5-pro',
  'gemini-3-pro-image',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-thinking',
  'claude-sonnet-4-6',
  'claude-opus-4-6-thinking',
  'gpt-oss-120b-medium',
]);

type Row = [client: string, version: string, sent: string, model: string, rule: MappingRuleKind];

const rows: Row[] = [
  // Gemini CLI renames before sending; `auto` mode routes with flash-lite.
  ['Gemini CLI', '0.61.0', 'gemini-3.8-flash', 'gemini-3-flash', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3.5-flash', 'gemini-3-flash', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3-flash', 'gemini-3-flash', 'upstream_model'],
  ['Gemini CLI', '0.61.0', 'gemini-3-flash-preview', 'gemini-3-flash', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3-pro-preview', 'gemini-3-pro-high', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3.1-pro-preview', 'gemini-3.1-pro-high', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3.1-pro-preview-customtools', 'gemini-3.1-pro-high', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3.5-flash-lite', 'gemini-2.5-flash-lite', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-3.1-flash-lite', 'gemini-2.5-flash-lite', 'default'],
  ['Gemini CLI', '0.61.0', 'gemini-2.5-pro', 'gemini-2.5-pro', 'upstream_model'],
  ['Gemini CLI', '0.61.0', 'gemini-2.5-flash-lite', 'gemini-2.5-flash-lite', 'upstream_model'],
  ['Gemini CLI', '0.61.0', 'gemma-4-31b-it', 'gemini-3-flash', 'default'],
  // Claude Code's aliases (opus, sonnet, haiku, fable) and named models.
  ['Claude Code', '2.1.197', 'claude-opus-4-8', 'claude-opus-4-6-thinking', 'default'],
  ['Claude Code', '2.1.197', 'claude-sonnet-4-6', 'claude-sonnet-4-6', 'upstream_model'],
  ['Claude Code', '2.1.197', 'claude-haiku-4-5-20251001', 'gemini-3-flash', 'default'],
  ['Claude Code', '2.1.197', 'claude-fable-5', 'claude-opus-4-6-thinking', 'default'],
  ['Claude Code', '2.1.197', 'claude-sonnet-5', 'claude-sonnet-4-5-thinking', 'default'],
  ['Claude Code', '2.1.197', 'claude-mythos-5', 'claude-opus-4-6-thinking', 'default'],
  ['Claude Code', '2.1.197', 'claude-opus-4-7', 'claude-opus-4-6-thinking', 'default'],
  // Codex CLI's model list (default first) and its approval reviewer.
  ['Codex CLI', '0.171.0', 'gpt-6.2-sol', 'gemini-3-pro-high', 'default'],
  ['Codex CLI', '0.171.0', 'gpt-6.2-astra', 'gemini-3-pro-high', 'default'],
  ['Codex CLI', '0.171.0', 'gpt-6.1-terra', 'gemini-3-flash', 'default'],
  ['Codex CLI', '0.171.0', 'gpt-6-luna', 'gemini-3-flash', 'default'],
  ['Codex CLI', '0.171.0', 'gpt-5.6-sol', 'gemini-3-pro-high', 'default'],
  ['Codex CLI', '0.171.0', 'gpt-5.5', 'gemini-3-pro-high', 'default'],
  ['Codex CLI', '0.171.0', 'codex-auto-review', 'gemini-3-flash', 'default'],
  // opencode: its catalogue's names and its small models per provider.
  ['opencode', '1.18.33', 'gemini-3.7-flash', 'gemini-3-flash', 'default'],
  ['opencode', '1.18.33', 'gemini-flash-latest', 'gemini-3-flash', 'default'],
  ['opencode', '1.18.33', 'gemini-flash-lite-latest', 'gemini-2.5-flash-lite', 'default'],
  ['opencode', '1.18.33', 'claude-opus-5', 'claude-opus-4-6-thinking', 'default'],
  ['opencode', '1.18.33', 'claude-fable-5-1', 'claude-opus-4-6-thinking', 'default'],
  ['opencode', '1.18.33', 'claude-haiku-4-5', 'gemini-3-flash', 'default'],
  ['opencode', '1.18.33', 'gpt-5.4-nano', 'gemini-3-flash', 'default'],
  ['opencode', '1.18.33', 'gpt-5.4-mini', 'gemini-3-flash', 'default'],
  ['opencode', '1.18.33', 'gemini-3-pro-image-preview', 'gemini-3-pro-image', 'default'],
  ['opencode', '1.18.33', 'gemini-3.1-flash-image', 'gemini-3-pro-image', 'default'],
  // Qwen Code with an OpenAI-compatible provider.
  ['Qwen Code', '0.24.4', 'qwen3.7-max', 'gemini-3-pro-high', 'default'],
  ['Qwen Code', '0.24.4', 'qwen3.7-plus', 'gemini-3-pro-high', 'default'],
  ['Qwen Code', '0.24.4', 'qwen3-coder-plus', 'gemini-3-pro-high', 'default'],
  ['Qwen Code', '0.24.4', 'qwen3.8-flash', 'gemini-3-flash', 'default'],
  ['Qwen Code', '0.24.4', 'coder-model', 'gemini-3-pro-high', 'default'],
  // Antigravity plugins' tier ids.
  ['opencode-antigravity-auth', '1.6.0', 'gemini-3.1-pro-high', 'gemini-3.1-pro-high', 'upstream_model'],
  // Family fallback: names no rule lists go to the served model of their family and tier.
  ['any client', 'future', 'gemini-4-flash', 'gemini-3-flash', 'family'],
  ['any client', 'future', 'gemini-4-flash-lite', 'gemini-2.5-flash-lite', 'family'],
  ['any client', 'future', 'gemini-4-pro', 'gemini-3.1-pro-high', 'family'],
  ['any client', 'future', 'gemini-4-pro-low', 'gemini-3.1-pro-low', 'family'],
  ['any client', 'future', 'gemini-4-flash-image', 'gemini-3-pro-image', 'family'],
  ['any client', 'future', 'claude-5-opus', 'claude-opus-4-6-thinking', 'family'],
  ['any client', 'future', 'claude-5-sonnet', 'claude-sonnet-4-5-thinking', 'family'],
  ['any client', 'future', 'anthropic.claude-5-haiku', 'gemini-3-flash', 'family'],
  ['any client', 'future', 'mistral-flash', 'gemini-3-flash', 'family'],
  // An image model with size and ratio suffixes keeps them: they become its imageConfig later.
  ['any client', 'image suffixes', 'gemini-3-pro-image-16x9-4k', 'gemini-3-pro-image-16x9-4k', 'passthrough'],
  ['any client', 'future', 'gemini-3-pro-image-exp', 'gemini-3-pro-image', 'family'],
  // No family: sent as is, and the upstream's 404 reaches the client.
  ['any client', 'future', 'foo', 'foo', 'passthrough'],
  ['any client', 'future', 'llama-4-scout', 'llama-4-scout', 'passthrough'],
];

describe('client model names', () => {
  it.each(rows)('%s %s sends %s -> %s (%s)', (_client, _version, sent, model, rule) => {
    const resolved = resolveModel(sent, { customMapping: {}, extraUpstreamModels: typicalAccount });
    expect({ model: resolved.model, rule: resolved.rule.kind }).toEqual({ model, rule });
    expect(typicalAccount.has(resolved.model) || rule === 'passthrough').toBe(true);
  });

  it('names the family that chose the model', () => {
    expect(resolveModel('gemini-4-flash', { customMapping: {}, extraUpstreamModels: typicalAccount }).rule).toEqual({ kind: 'family', pattern: 'flash' });
  });

  it('settles on what an account without Claude or Lite models lists', () => {
    const geminiOnly = new Set(['gemini-3-flash', 'gemini-3.1-pro-high', 'gemini-3.1-pro-low']);
    const resolve = (name: string) => resolveModel(name, { customMapping: {}, extraUpstreamModels: geminiOnly });
    expect(resolve('claude-opus-4-8')).toMatchObject({ model: 'gemini-3.1-pro-high', rule: { kind: 'default', pattern: 'claude-opus-*' } });
    expect(resolve('claude-sonnet-5').model).toBe('gemini-3.1-pro-high');
    expect(resolve('gemini-3.5-flash-lite').model).toBe('gemini-3-flash');
    expect(resolve('gpt-6.2-sol').model).toBe('gemini-3.1-pro-high');
    // A known id this account does not list goes to the closest one it does.
    expect(resolve('gemini-3-pro-high')).toMatchObject({ model: 'gemini-3.1-pro-high', rule: { kind: 'default', pattern: 'gemini-3-pro-high' } });
    expect(resolve('gemini-3-pro-low').model).toBe('gemini-3.1-pro-low');
    expect(resolve('gemini-3-pro-image').model).toBe('gemini-3-pro-image');
    // A newer model the account lists is picked by its family too.
    expect(resolveModel('gemini-4-flash', { customMapping: {}, extraUpstreamModels: new Set(['gemini-3.5-flash', 'gemini-3.5-flash-lite']) }).model).toBe('gemini-3.5-flash');
  });

  it('uses the built-in choices before any account was read', () => {
    const resolve = (name: string) => resolveModel(name, { customMapping: {} });
    expect(resolve('gemini-3.5-flash-lite').model).toBe('gemini-3-flash');
    expect(resolve('gemini-4-pro')).toMatchObject({ model: 'gemini-3-pro-high', rule: { kind: 'family', pattern: 'pro' } });
    expect(resolve('gemini-4-pro-low').model).toBe('gemini-3-pro-low');
    expect(resolve('claude-5-sonnet').model).toBe('claude-sonnet-4-5-thinking');
    expect(resolve('gemini-3.1-pro-high').rule.kind).toBe('upstream_model');
  });

  it('lets the user’s rules win over the family', () => {
    expect(resolveModel('gemini-4-flash', { customMapping: { 'gemini-4-*': 'claude-sonnet-4-5' }, extraUpstreamModels: typicalAccount }).rule.kind).toBe('wildcard');
  });
});
