/** Settings (masked view, validated patch, API key) and export/import. */
import { generateApiKey } from '../config/settings-schema.js';
import type { Gateway } from '../create-gateway.js';
import type { ControlHandlers } from './control-handlers.js';
import { mergeSettings } from './merge-settings.js';
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
>;

export function createSettingsOperations(gateway: SettingsGateway, options: { now: () => number }): SettingsHandlers {
  const store = gateway.settingsStore;
  const view = () => viewSettings(store.get(), gateway.dataDir);

  return {
    async getSettings() {
      return view();
    },

    async updateSettings(patch) {
      const saved = await saveSettings(gateway, mergeSettings(store.get(), patch));
      return { settings: viewSettings(saved.settings, gateway.dataDir), restarted: saved.restarted, message: saved.message };
    },

    async revealApiKey() {
      return { api_key: store.get().proxy.api_key };
    },

    async regenerateApiKey() {
      const current = store.get();
      const { settings } = await saveSettings(gateway, { ...current, proxy: { ...current.proxy, api_key: generateApiKey() } });
      return { api_key: settings.proxy.api_key };
    },

    async exportSettings({ include_secrets }) {
      return { document: createSettingsDocument(store.get(), { includeSecrets: include_secrets, now: options.now() }) };
    },

    async importSettings({ document }) {
      await saveSettings(gateway, mergeSettings(store.get(), readSettingsDocument(document)));
      return { settings: view() };
    },
  };
}
