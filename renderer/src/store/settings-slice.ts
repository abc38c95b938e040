/**
 * Settings as the API shows them (secrets masked), saves, the API key (revealed on request only),
 * export/import, and the desktop's launch-at-login.
 */
import type { StateCreator } from 'zustand';
import { resolveConsoleUrlForPort } from '../navigation/resolve-console-url.js';
import { credentialKey } from '../preferences/browser-storage.js';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import type { ControlOutput } from '../bridge/bridge-types.js';
import { emptyResource, type ActionOutcome, type DesktopSettingsView, type Resource, type SettingsPatch, type SettingsView } from './view-types.js';

export type SettingsImportChange = ControlOutput<'previewSettingsImport'>['changes'][number];

/** The patch with the admin API's confirmation field (admin-control-routes.ts) added. */
function withCurrentCredential(patch: SettingsPatch, currentCredential: string): SettingsPatch {
  return { ...patch, current_credential: currentCredential } as SettingsPatch;
}

export interface SaveSettingsResult {
  restarted: boolean;
  message: string | null;
}

export interface SettingsSlice {
  settings: Resource<SettingsView>;
  savingSettings: boolean;
  /** The full key, only after `revealApiKey` (or a regeneration); cleared by `hideApiKey`. */
  apiKey: Resource<string>;
  /** Desktop-only settings (launch at login); `available` is false in the web console. */
  desktopSettings: Resource<DesktopSettingsView>;
  loadSettings(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<ActionOutcome<SaveSettingsResult>>;
  /**
   * Sets (or with '' removes) the web console password. The web console sends the current
   * credential again with it (the admin API asks for it); the desktop needs none. The console's
   * own session follows a new password; after a removal, a session signed in with the old
   * password ends (sign in with the admin token).
   */
  setConsolePassword(password: string, currentCredential?: string): Promise<ActionOutcome<SaveSettingsResult>>;
  revealApiKey(): Promise<ActionOutcome<string>>;
  /** The full key for the clipboard: fetched, handed back, never kept (the page stays masked). */
  fetchApiKey(): Promise<ActionOutcome<string>>;
  hideApiKey(): void;
  regenerateApiKey(): Promise<ActionOutcome<string>>;
  exportSettings(includeSecrets: boolean): Promise<ActionOutcome<Record<string, unknown>>>;
  /** What importing `document` would change, field by field (secrets named, never shown). */
  previewSettingsImport(document: Record<string, unknown>): Promise<ActionOutcome<SettingsImportChange[]>>;
  /** `currentCredential`: the web console's confirmation when the file's console password is applied. */
  importSettings(document: Record<string, unknown>, applySecrets?: boolean, currentCredential?: string): Promise<ActionOutcome<{ settings: SettingsView; skippedSecrets: string[] }>>;
  loadDesktopSettings(): Promise<void>;
  setLaunchAtLogin(enabled: boolean): Promise<ActionOutcome<DesktopSettingsView>>;
}

export function createSettingsSlice(deps: StoreDependencies): StateCreator<AppState, [], [], SettingsSlice> {
  const { bridge } = deps;
  return (set, get) => {
    const fail = (error: unknown): { ok: false; error: string } => ({ ok: false, error: get().reportError(error) });
    return {
      settings: emptyResource(),
      savingSettings: false,
      apiKey: emptyResource(),
      desktopSettings: emptyResource(),

      async loadSettings() {
        set((state) => ({ settings: { ...state.settings, loading: true } }));
        try {
          const data = await bridge.api.getSettings({});
          set({ settings: { data, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ settings: { ...state.settings, loading: false, error: message } }));
        }
      },

      async saveSettings(patch) {
        set({ savingSettings: true });
        try {
          const result = await bridge.api.updateSettings(patch);
          set({ savingSettings: false, settings: { data: result.settings, loading: false, error: null } });
          // The web console is served by the listener that just moved: follow it.
          const target = bridge.kind === 'http' && result.restarted && patch.proxy?.port !== undefined
            ? resolveConsoleUrlForPort(deps.currentUrl(), result.settings.proxy.port)
            : null;
          if (target !== null) get().relocate({ url: target, port: result.settings.proxy.port });
          else void get().loadStatus();
          return { ok: true, value: { restarted: result.restarted, message: result.message } };
        } catch (error) {
          set({ savingSettings: false });
          return fail(error);
        }
      },

      async setConsolePassword(password, currentCredential) {
        const patch: SettingsPatch = { proxy: { admin_password: password } };
        // Only the admin API reads `current_credential` (it takes it out before validating); IPC's schema has no such field.
        const outcome = await get().saveSettings(bridge.kind === 'http' ? withCurrentCredential(patch, currentCredential ?? '') : patch);
        if (outcome.ok && bridge.kind === 'http' && password !== '') deps.credentials.set(credentialKey, password);
        return outcome;
      },

      async revealApiKey() {
        set((state) => ({ apiKey: { ...state.apiKey, loading: true, error: null } }));
        try {
          const { api_key } = await bridge.api.revealApiKey({});
          set({ apiKey: { data: api_key, loading: false, error: null } });
          return { ok: true, value: api_key };
        } catch (error) {
          const outcome = fail(error);
          set({ apiKey: { data: null, loading: false, error: outcome.error } });
          return outcome;
        }
      },

      async fetchApiKey() {
        try {
          const { api_key } = await bridge.api.revealApiKey({});
          return { ok: true, value: api_key };
        } catch (error) {
          return fail(error);
        }
      },

      hideApiKey() {
        set({ apiKey: emptyResource() });
      },

      async regenerateApiKey() {
        set((state) => ({ apiKey: { ...state.apiKey, loading: true, error: null } }));
        try {
          const { api_key } = await bridge.api.regenerateApiKey({});
          set({ apiKey: { data: api_key, loading: false, error: null } });
          void get().loadSettings();
          return { ok: true, value: api_key };
        } catch (error) {
          const outcome = fail(error);
          set((state) => ({ apiKey: { ...state.apiKey, loading: false, error: outcome.error } }));
          return outcome;
        }
      },

      async exportSettings(includeSecrets) {
        try {
          const { document } = await bridge.api.exportSettings({ include_secrets: includeSecrets });
          return { ok: true, value: document };
        } catch (error) {
          return fail(error);
        }
      },

      async previewSettingsImport(document) {
        try {
          const { changes } = await bridge.api.previewSettingsImport({ document });
          return { ok: true, value: changes };
        } catch (error) {
          return fail(error);
        }
      },

      async importSettings(document, applySecrets = false, currentCredential) {
        try {
          const input = { document, apply_secrets: applySecrets };
          const { settings, skipped_secrets } = await bridge.api.importSettings(
            bridge.kind === 'http' && currentCredential !== undefined ? ({ ...input, current_credential: currentCredential } as typeof input) : input,
          );
          set({ settings: { data: settings, loading: false, error: null } });
          void get().loadMappingRules();
          void get().loadStatus();
          return { ok: true, value: { settings, skippedSecrets: skipped_secrets } };
        } catch (error) {
          return fail(error);
        }
      },

      async loadDesktopSettings() {
        const desktop = bridge.desktop;
        if (desktop === null) {
          set({ desktopSettings: { data: { available: false, launch_at_login: false }, loading: false, error: null } });
          return;
        }
        set((state) => ({ desktopSettings: { ...state.desktopSettings, loading: true } }));
        try {
          const data = await desktop.getDesktopSettings({});
          set({ desktopSettings: { data, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ desktopSettings: { ...state.desktopSettings, loading: false, error: message } }));
        }
      },

      async setLaunchAtLogin(enabled) {
        const desktop = bridge.desktop;
        if (desktop === null) return { ok: false, error: deps.translate('settings.launchAtLogin.unavailable') };
        try {
          const data = await desktop.updateDesktopSettings({ launch_at_login: enabled });
          set({ desktopSettings: { data, loading: false, error: null } });
          return { ok: true, value: data };
        } catch (error) {
          return fail(error);
        }
      },
    };
  };
}
