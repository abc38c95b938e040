/**
 * A Bridge for renderer tests: every ControlApi operation a `vi.fn` with a realistic default
 * answer (override with `mockResolvedValue`/`mockRejectedValue`), and `emit` to push live events.
 */
import { vi, type Mock } from 'vitest';
import { BridgeError } from '../src/bridge/bridge-error.js';
import type { Bridge, ControlApi, ControlOperationName, DesktopSettingsApi, EventSubscription, SkyportEvent } from '../src/bridge/bridge-types.js';
import { makeAccount, makeLogDetail, makeLogSummary, makeSettings, makeStatus, makeUsageReport, presets } from './fixtures.js';

export type FakeApi = { [Name in ControlOperationName]: Mock<ControlApi[Name]> };

export interface FakeBridge extends Bridge {
  readonly api: ControlApi & FakeApi;
  emit(event: SkyportEvent): void;
  subscriptions: EventSubscription[];
}

export function httpError(status: number, message: string, code: string | null = null): BridgeError {
  return new BridgeError(message, { kind: 'http', status, type: status === 401 ? 'authentication_error' : 'invalid_request_error', code });
}

/** The default usage report keyed by account instead of model. */
function accountUsage() {
  const report = makeUsageReport();
  const rename = (key: string | null) => (key === 'gemini-3-flash' ? 'ada@example.com' : key === null ? null : 'bob@example.com');
  return {
    group: 'account' as const,
    groups: report.groups.map((group) => ({ ...group, key: rename(group.key) })),
    series: report.series.map((entry) => ({ ...entry, key: rename(entry.key) })),
  };
}

export function createFakeBridge(options: { kind?: Bridge['kind']; desktop?: DesktopSettingsApi | null } = {}): FakeBridge {
  const settings = makeSettings();
  const account = makeAccount();
  const signIn = {
    login_id: 'login-1',
    status: 'pending' as const,
    authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x',
    redirect_uri: 'http://127.0.0.1:40000/oauth-callback',
    started_at: new Date().toISOString(),
    email: null,
    error: null,
  };
  const api: FakeApi = {
    getStatus: vi.fn(async () => makeStatus()),
    startGateway: vi.fn(async () => makeStatus({ serving: true })),
    stopGateway: vi.fn(async () => makeStatus({ serving: false })),
    restartGateway: vi.fn(async () => makeStatus()),
    getSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async () => ({ settings, restarted: false, message: null })),
    revealApiKey: vi.fn(async () => ({ api_key: 'sk-0123456789abcdef0123456789abcdef' })),
    regenerateApiKey: vi.fn(async () => ({ api_key: 'sk-ffffffffffffffffffffffffffffffff' })),
    setApiKey: vi.fn(async () => ({ api_key_masked: 'my-o…2026' })),
    listKeys: vi.fn(async () => ({ items: [] as ReturnType<typeof makeKeyView>[] })),
    createKey: vi.fn(async ({ name }) => ({ item: makeKeyView(name), secret: `skp_0123456789ab_${'s'.repeat(43)}` })),
    updateKey: vi.fn(async ({ name, disabled }) => ({ item: { ...makeKeyView(name), disabled: disabled ?? false, status: disabled === true ? ('disabled' as const) : ('active' as const) } })),
    deleteKey: vi.fn(async () => ({ deleted: true })),
    regenerateKey: vi.fn(async ({ name }) => ({ item: makeKeyView(name), secret: `skp_ba9876543210_${'r'.repeat(43)}` })),
    exportSettings: vi.fn(async () => ({ document: { proxy: { port: 8045 } } })),
    importSettings: vi.fn(async () => ({ settings, skipped_secrets: [] as string[] })),
    previewSettingsImport: vi.fn(async () => ({ changes: [{ path: 'proxy.port', before: '8045', after: '9000', kind: 'setting' as const }] })),
    listAccounts: vi.fn(async () => ({ items: [account, makeAccount({ email: 'bob@example.com', status: 'disabled', quotas: {} })] })),
    addAccountByRefreshToken: vi.fn(async () => ({ item: account })),
    importRefreshTokens: vi.fn(async () => ({ results: [{ ok: true, email: 'new@example.com', error: null }] })),
    startGoogleSignIn: vi.fn(async () => ({ ...signIn, notice: 'Notice.' })),
    getGoogleSignIn: vi.fn(async () => signIn),
    completeGoogleSignIn: vi.fn(async () => ({ ...signIn, status: 'succeeded' as const, email: 'new@example.com' })),
    cancelGoogleSignIn: vi.fn(async () => ({ ...signIn, status: 'cancelled' as const })),
    removeAccount: vi.fn(async () => ({ deleted: true })),
    enableAccount: vi.fn(async ({ email }) => ({ item: makeAccount({ email, status: 'active' }) })),
    disableAccount: vi.fn(async ({ email }) => ({ item: makeAccount({ email, status: 'disabled' }) })),
    refreshQuota: vi.fn(async () => ({ results: [{ email: account.email, ok: true, error: null }] })),
    warmUpAccounts: vi.fn(async ({ email }: { email?: string }) => ({
      results: [
        { email: email ?? account.email, model: 'gemini-3-flash', status: 'warmed' as const, detail: null },
        { email: email ?? account.email, model: 'claude-sonnet-4-5', status: 'skipped' as const, detail: 'quota_protected: 5% of claude-sonnet-4-5 left, below 10%' },
      ],
    })),
    listAlerts: vi.fn(async () => ({ items: [] as Array<Extract<SkyportEvent, { type: 'alert' }>['data']> })),
    setPreferredAccount: vi.fn(async ({ email }) => ({ preferred_account: email })),
    setAccountProxy: vi.fn(async ({ email, url }) => ({ item: makeAccount({ email, upstream_proxy: url === '' ? null : url }) })),
    testAccountProxy: vi.fn(async () => ({ ok: true, step: null, latency_ms: 42, proxy: null, models: 3, error: null })),
    setAccountLabels: vi.fn(async ({ email, labels }) => ({ item: makeAccount({ email, labels }) })),
    bulkAccountAction: vi.fn(async ({ emails }) => ({ results: emails.map((email) => ({ email, ok: true, error: null })) })),
    exportAccountsBackup: vi.fn(async ({ plain }: { plain?: boolean }) => ({
      file_name: plain === true ? 'skyport-accounts-2026-12-07-UNENCRYPTED.json' : 'skyport-accounts-2026-12-07.json',
      content: '{"format":"skyport-accounts-backup","version":1}\n',
      encrypted: plain !== true,
      count: 2,
    })),
    restoreAccountsBackup: vi.fn(async () => ({ added: 1, updated: 1, skipped: 0, results: [{ email: 'new@example.com', outcome: 'added' as const, reason: null }, { email: 'ada@example.com', outcome: 'updated' as const, reason: null }] })),
    findLocalAccounts: vi.fn(async () => ({
      sources: [
        { source: 'antigravity' as const, label: 'Antigravity', path: '/home/me/.config/Antigravity/User/globalStorage/state.vscdb', found: false, count: 0, problem: 'not found' },
        { source: 'gemini-cli' as const, label: 'Gemini CLI', path: '/home/me/.gemini/oauth_creds.json', found: true, count: 1, problem: null },
        { source: 'antigravity-manager' as const, label: 'Antigravity Manager', path: '/home/me/.antigravity_tools', found: false, count: 0, problem: 'not found' },
      ],
    })),
    importLocalAccounts: vi.fn(async () => ({ results: [{ where: '/home/me/.gemini/oauth_creds.json', ok: true, email: 'gem@example.com', error: null }] })),
    listMappingRules: vi.fn(async () => ({ rules: [{ pattern: 'gpt-4o', target: 'gemini-3-flash' }] })),
    setMappingRule: vi.fn(async (rule) => ({ rules: [{ pattern: 'gpt-4o', target: 'gemini-3-flash' }, rule] })),
    deleteMappingRule: vi.fn(async () => ({ rules: [] })),
    listMappingPresets: vi.fn(async () => ({ presets })),
    applyMappingPreset: vi.fn(async () => ({ rules: presets[0]?.rules ?? [] })),
    previewMapping: vi.fn(async ({ model }) => ({
      requested: model,
      model: model,
      rule: { kind: 'passthrough' as const, pattern: null },
      type: 'agent' as const,
      features: { has_web_search: false, is_image_gen: false },
      config: null,
    })),
    queryLogs: vi.fn(async () => ({ items: [makeLogSummary()], next_cursor: null })),
    getLog: vi.fn(async ({ id }) => ({ item: makeLogDetail({ id }) })),
    clearLogs: vi.fn(async () => ({ deleted: 1 })),
    getUsage: vi.fn(async ({ group }) => makeUsageReport(group === 'account' ? accountUsage() : {})),
    exportLogsCsv: vi.fn(async () => ({ csv: 'id,time\r\n', file_name: 'skyport-requests-test.csv', truncated: false })),
  };
  const subscriptions: EventSubscription[] = [];
  return {
    kind: options.kind ?? 'http',
    api: api as ControlApi & FakeApi,
    desktop: options.desktop ?? null,
    async exportLogsCsv(filter) {
      const { csv, file_name, truncated } = await api.exportLogsCsv(filter);
      return { blob: new Blob([csv], { type: 'text/csv' }), fileName: file_name, truncated };
    },
    subscriptions,
    subscribe(subscription) {
      subscriptions.push(subscription);
      subscription.onStateChange?.('open');
      return () => {
        const index = subscriptions.indexOf(subscription);
        if (index !== -1) subscriptions.splice(index, 1);
      };
    },
    emit(event) {
      for (const subscription of [...subscriptions]) subscription.onEvent(event);
    },
  };
}

/** A named API key as listKeys shows it. */
export function makeKeyView(name: string) {
  return {
    name,
    label: '',
    prefix: 'skp_0123456789ab_…',
    created_at: '2026-12-07T10:00:00.000Z',
    expires_at: null as string | null,
    models: [] as string[],
    rpm: null as number | null,
    disabled: false,
    status: 'active' as 'active' | 'disabled' | 'expired',
  };
}
