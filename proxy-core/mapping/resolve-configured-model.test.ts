/** A name is mapped with the rules and the accounts in force now: the same answer for a request and for the preview. */
import { describe, expect, it } from 'vitest';
import { collectServedModelIds, resolveConfiguredModel, type MappingSource, type ModelListingAccount } from './resolve-configured-model.js';

function source(customMapping: Record<string, string>, accounts: readonly ModelListingAccount[]): MappingSource & { state: { accounts: readonly ModelListingAccount[] } } {
  const state = { accounts };
  return { state, settings: () => ({ proxy: { custom_mapping: customMapping } }), accounts: () => state.accounts };
}

describe('collectServedModelIds', () => {
  it('is every model id any account has quota data for, once', () => {
    expect(collectServedModelIds([{ quotas: { 'gemini-3-flash': {}, 'gemini-9-ultra': {} } }, { quotas: { 'gemini-3-flash': {} } }, { quotas: {} }])).toEqual(
      new Set(['gemini-3-flash', 'gemini-9-ultra']),
    );
    expect(collectServedModelIds([])).toEqual(new Set());
  });
});

describe('resolveConfiguredModel', () => {
  it("applies the user's rules", () => {
    expect(resolveConfiguredModel('gpt-4o', source({ 'gpt-4o': 'claude-sonnet-4-5' }, []))).toMatchObject({ model: 'claude-sonnet-4-5', rule: { kind: 'exact' } });
  });

  it('takes what the accounts list as what the upstream serves', () => {
    const listing = source({}, Object.freeze([{ quotas: { 'gemini-9-ultra': {} } }]));
    expect(resolveConfiguredModel('gemini-9-ultra', listing)).toMatchObject({ model: 'gemini-9-ultra', rule: { kind: 'upstream_model' } });
    // A known id this pool does not list goes to the closest one it does.
    expect(resolveConfiguredModel('gemini-3-flash', source({}, Object.freeze([{ quotas: { 'gemini-2.5-flash': {} } }]))).model).toBe('gemini-2.5-flash');
  });

  it('sees a new list of accounts at once, and a list changed in place too', () => {
    const pool = source({}, Object.freeze([{ quotas: { 'gemini-3-flash': {} } }]));
    expect(resolveConfiguredModel('gemini-9-ultra', pool).rule.kind).toBe('passthrough');
    pool.state.accounts = Object.freeze([{ quotas: { 'gemini-3-flash': {}, 'gemini-9-ultra': {} } }]);
    expect(resolveConfiguredModel('gemini-9-ultra', pool).rule.kind).toBe('upstream_model');

    const mutable: ModelListingAccount[] = [{ quotas: { 'gemini-3-flash': {} } }];
    const editable = source({}, mutable);
    expect(resolveConfiguredModel('gemini-9-ultra', editable).rule.kind).toBe('passthrough');
    mutable.push({ quotas: { 'gemini-9-ultra': {} } });
    expect(resolveConfiguredModel('gemini-9-ultra', editable).rule.kind).toBe('upstream_model');
  });
});
