/** What `GET /v1/models` lists: every name a client can ask for by itself, once, in order. */
import { describe, expect, it } from 'vitest';
import { defaultModelMapping } from './default-model-mapping.js';
import { knownUpstreamModels } from './known-upstream-models.js';
import { listModelIds } from './list-model-ids.js';

const list = (customMapping: Record<string, string>, quotas: Array<Record<string, unknown>> = []) =>
  listModelIds({ settings: () => ({ proxy: { custom_mapping: customMapping } }), accounts: () => quotas.map((entry) => ({ quotas: entry })) });

describe('listModelIds', () => {
  it("lists the known upstream ids, the accounts' own ids, and the user's and built-in rule names, sorted, each once", () => {
    const ids = list({ 'my-model': 'gemini-3-flash', 'gemini-3-flash': 'gemini-3-pro-high' }, [{ 'gemini-9-ultra': {}, 'gemini-3-flash': {} }]);
    for (const id of knownUpstreamModels) expect(ids).toContain(id);
    expect(ids).toContain('gemini-9-ultra');
    expect(ids).toContain('my-model');
    expect(ids).toContain('gemini-3-pro-preview');
    expect(ids).toContain('codex-auto-review');
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves out wildcard rules: they are no name a client can pick', () => {
    const ids = list({ 'team-*': 'gemini-3-flash' });
    expect(ids.some((id) => id.includes('*'))).toBe(false);
    const literalDefaults = Object.keys(defaultModelMapping).filter((name) => !name.includes('*'));
    expect(ids).toEqual([...new Set([...knownUpstreamModels, ...literalDefaults])].sort());
  });
});
