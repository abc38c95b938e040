/** The account pool: list, enable/disable, remove, refresh quotas, warm up, preferred account, add by token. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import {
  emptyResource,
  type AccountProxyTestResult,
  type AccountView,
  type ActionOutcome,
  type BulkAccountAction,
  type BulkAccountResult,
  type QuotaRefreshResult,
  type Resource,
  type TokenImportResult,
  type WarmUpResult,
} from './view-types.js';

export type AccountAction = 'enable' | 'disable' | 'remove' | 'refresh' | 'prefer' | 'warmup' | 'edit';

export interface AccountsSlice {
  accounts: Resource<AccountView[]>;
  /** Per email, the action running on that account. */
  accountActions: Record<string, AccountAction>;
  refreshingAllQuotas: boolean;
  warmingUpAll: boolean;
  loadAccounts(): Promise<void>;
  setAccountEnabled(email: string, enabled: boolean): Promise<ActionOutcome<AccountView>>;
  removeAccount(email: string): Promise<ActionOutcome<boolean>>;
  /** One account, or every usable one without `email`. */
  refreshQuotas(email?: string): Promise<ActionOutcome<QuotaRefreshResult[]>>;
  /** One minimal request per model family: one account, or every active one without `email`. */
  warmUp(email?: string): Promise<ActionOutcome<WarmUpResult[]>>;
  /** '' clears the preference. */
  setPreferredAccount(email: string): Promise<ActionOutcome<string>>;
  importRefreshTokens(text: string): Promise<ActionOutcome<TokenImportResult[]>>;
  /** The bulk action running on the selection, if any. */
  bulkAction: BulkAccountAction | null;
  /** One ControlApi call for the whole selection; the list is read again afterwards. */
  runBulkAccountAction(emails: readonly string[], action: BulkAccountAction, label?: string): Promise<ActionOutcome<BulkAccountResult[]>>;
  setAccountLabels(email: string, labels: string[]): Promise<ActionOutcome<AccountView>>;
  /** '' = no proxy of its own (the global one). */
  setAccountProxy(email: string, url: string): Promise<ActionOutcome<AccountView>>;
  /** A real call through `url` (or the saved proxy when omitted); the outcome, never thrown. */
  testAccountProxy(email: string, url?: string): Promise<ActionOutcome<AccountProxyTestResult>>;
}

export function createAccountsSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], AccountsSlice> {
  return (set, get) => {
    const fail = (error: unknown): { ok: false; error: string } => {
      const message = get().reportError(error);
      get().notify('error', message);
      return { ok: false, error: message };
    };
    const busy = (email: string, action: AccountAction | null) =>
      set((state) => {
        const accountActions = { ...state.accountActions };
        if (action === null) delete accountActions[email];
        else accountActions[email] = action;
        return { accountActions };
      });
    const replaceAccount = (item: AccountView) =>
      set((state) => ({
        accounts: { ...state.accounts, data: state.accounts.data?.map((account) => (account.email === item.email ? item : account)) ?? [item] },
      }));
    /** One account's settings changed from its dialog: the error goes back to the dialog (shown there), not to a toast. */
    const editAccount = async (email: string, change: () => Promise<{ item: AccountView }>): Promise<ActionOutcome<AccountView>> => {
      busy(email, 'edit');
      try {
        const { item } = await change();
        replaceAccount(item);
        return { ok: true, value: item };
      } catch (error) {
        return { ok: false, error: get().reportError(error) };
      } finally {
        busy(email, null);
      }
    };

    return {
      accounts: emptyResource(),
      accountActions: {},
      refreshingAllQuotas: false,
      warmingUpAll: false,
      bulkAction: null,

      async loadAccounts() {
        set((state) => ({ accounts: { ...state.accounts, loading: true } }));
        try {
          const { items } = await bridge.api.listAccounts({});
          set({ accounts: { data: items, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ accounts: { ...state.accounts, loading: false, error: message } }));
        }
      },

      async setAccountEnabled(email, enabled) {
        busy(email, enabled ? 'enable' : 'disable');
        try {
          const { item } = enabled ? await bridge.api.enableAccount({ email }) : await bridge.api.disableAccount({ email });
          replaceAccount(item);
          void get().loadStatus();
          return { ok: true, value: item };
        } catch (error) {
          return fail(error);
        } finally {
          busy(email, null);
        }
      },

      async removeAccount(email) {
        busy(email, 'remove');
        try {
          const { deleted } = await bridge.api.removeAccount({ email });
          set((state) => ({ accounts: { ...state.accounts, data: state.accounts.data?.filter((account) => account.email !== email) ?? null } }));
          void get().loadStatus();
          return { ok: true, value: deleted };
        } catch (error) {
          return fail(error);
        } finally {
          busy(email, null);
        }
      },

      async refreshQuotas(email) {
        if (email === undefined) set({ refreshingAllQuotas: true });
        else busy(email, 'refresh');
        try {
          const { results } = await bridge.api.refreshQuota(email === undefined ? {} : { email });
          for (const result of results) {
            if (!result.ok) get().notify('error', `${result.email}: ${result.error ?? ''}`);
          }
          await get().loadAccounts();
          return { ok: true, value: results };
        } catch (error) {
          return fail(error);
        } finally {
          if (email === undefined) set({ refreshingAllQuotas: false });
          else busy(email, null);
        }
      },

      async warmUp(email) {
        if (email === undefined) set({ warmingUpAll: true });
        else busy(email, 'warmup');
        try {
          const { results } = await bridge.api.warmUpAccounts(email === undefined ? {} : { email });
          await get().loadAccounts();
          return { ok: true, value: results };
        } catch (error) {
          return fail(error);
        } finally {
          if (email === undefined) set({ warmingUpAll: false });
          else busy(email, null);
        }
      },

      async setPreferredAccount(email) {
        if (email !== '') busy(email, 'prefer');
        try {
          const { preferred_account } = await bridge.api.setPreferredAccount({ email });
          set((state) => {
            const data = state.settings.data;
            return data === null ? {} : { settings: { ...state.settings, data: { ...data, proxy: { ...data.proxy, preferred_account } } } };
          });
          return { ok: true, value: preferred_account };
        } catch (error) {
          return fail(error);
        } finally {
          if (email !== '') busy(email, null);
        }
      },

      async runBulkAccountAction(emails, action, label) {
        set({ bulkAction: action });
        try {
          const { results } = await bridge.api.bulkAccountAction({ emails: [...emails], action, ...(label === undefined ? {} : { label }) });
          const failed = results.filter((result) => !result.ok);
          if (failed.length > 0) get().notify('error', failed.map((result) => `${result.email}: ${result.error ?? ''}`).join('\n'));
          await get().loadAccounts();
          void get().loadStatus();
          return { ok: true, value: results };
        } catch (error) {
          return fail(error);
        } finally {
          set({ bulkAction: null });
        }
      },

      setAccountLabels(email, labels) {
        return editAccount(email, () => bridge.api.setAccountLabels({ email, labels }));
      },

      setAccountProxy(email, url) {
        return editAccount(email, () => bridge.api.setAccountProxy({ email, url }));
      },

      async testAccountProxy(email, url) {
        try {
          return { ok: true, value: await bridge.api.testAccountProxy({ email, ...(url === undefined ? {} : { url }) }) };
        } catch (error) {
          return { ok: false, error: get().reportError(error) };
        }
      },

      async importRefreshTokens(text) {
        try {
          const { results } = await bridge.api.importRefreshTokens({ text });
          if (results.some((result) => result.ok)) {
            void get().loadAccounts();
            void get().loadStatus();
          }
          return { ok: true, value: results };
        } catch (error) {
          return { ok: false, error: get().reportError(error) };
        }
      },
    };
  };
}
