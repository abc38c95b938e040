/** Settings (masked view, validated patch, API key) and export/import. */
import { generateApiKey, type Settings } from '../config/settings-schema.js';
import type { Gateway } from './gateway.js';
import type { ControlHandlers } from './control-handlers.js';
import { refuseOwnerOnlyChanges } from './find-owner-only-changes.js';
import { mergeSettings } from './merge-settings.js';
import { importedSecretPaths, previewSettingsImport, withoutImportedSecrets } from './preview-settings-import.js';
import { saveSettings } from './save-settings.js';
import { createSettingsDocument, readSettingsDocument } from './settings-document.js';
import { viewSettings } from './view-settings.js';

type SettingsGateway = Pick<Gateway, 'settingsStore' | 'status' | 'moveListener' | 'dataDir'>;

type SettingsHandlers = Pick<
  ControlHandlers,
  | 'getSettings'
  | 'updateSettings'
  | 'revealApiKey'
  | 'regenerateApiKey'
  | 'exportSettings'
  | 'importSettings'
  | 'previewSettingsImport'
>;

export function createSettingsOperations(gateway: SettingsGateway, options: { now: () => number }): SettingsHandlers {
  const store = gateway.settingsStore;
  const view = () => viewSettings(store.get(), gateway.dataDir);

  return {
    async getSettings() {
      return view();
    },

    async updateSettings(patch) {
      const saved = await saveSettings(gateway, (current) => {
        const next = mergeSettings(current, patch);
        refuseOwnerOnlyChanges(current, next);
        return next;
      });
      return { settings: viewSettings(saved.settings, gateway.dataDir), restarted: saved.restarted, message: saved.message };
    },

    async revealApiKey() {
      return { api_key: store.get().proxy.api_key };
    },

    async regenerateApiKey() {
      const apiKey = generateApiKey();
      const { settings } = await saveSettings(gateway, (current) => ({ ...current, proxy: { ...current.proxy, api_key: apiKey } }));
      return { api_key: settings.proxy.api_key };
    },

    async exportSettings({ include_secrets }) {
      return { document: createSettingsDocument(store.get(), { includeSecrets: include_secrets, now: options.now() }) };
    },

    async importSettings({ document, apply_secrets }) {
      const imported = readSettingsDocument(document);
      const applied = apply_secrets ? imported : withoutImportedSecrets(imported);
      let skipped: string[] = [];
      await saveSettings(gateway, (current) => {
        const next = mergeSettings(current, applied);
        refuseOwnerOnlyChanges(current, next);
        // Named back to the user: a secret in the file that differs and was left as it is.
        skipped = apply_secrets ? [] : findSkippedSecrets(current, imported);
        return next;
      });
      return { settings: view(), skipped_secrets: skipped };
    },

    async previewSettingsImport({ document }) {
      return { changes: previewSettingsImport(store.get(), readSettingsDocument(document)) };
    },
  };
}

/** The secrets in a file (`proxy.api_key` …) that differ from the ones in force. */
function findSkippedSecrets(current: Settings, imported: Record<string, unknown>): string[] {
  const proxy = imported.proxy;
  if (typeof proxy !== 'object' || proxy === null) return [];
  return importedSecretPaths.filter((path) => {
    const key = path.slice('proxy.'.length) as 'api_key' | 'admin_password';
    const value = (proxy as Record<string, unknown>)[key];
    return value !== undefined && value !== current.proxy[key];
  });
}
