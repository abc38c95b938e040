/** Named API keys (keys/api-key-store.ts) and the main key set to a value of the user's choice. */
import type { Gateway } from './gateway.js';
import { describeApiKey } from '../keys/describe-api-key.js';
import { parseKeyExpiry } from '../keys/parse-key-expiry.js';
import type { ApiKeyPatch, ApiKeyStore } from '../keys/api-key-store.js';
import type { ControlHandlers } from './control-handlers.js';
import { saveSettings } from './save-settings.js';
import { viewSettings } from './view-settings.js';

type KeyGateway = Pick<Gateway, 'apiKeys' | 'settingsStore' | 'status' | 'moveListener' | 'dataDir'>;

export type NamedKeyHandlers = Pick<ControlHandlers, 'listKeys' | 'createKey' | 'updateKey' | 'deleteKey' | 'regenerateKey'>;

type KeyHandlers = NamedKeyHandlers & Pick<ControlHandlers, 'setApiKey'>;

export function createKeyOperations(gateway: KeyGateway, options: { now: () => number }): KeyHandlers {
  return {
    ...createNamedKeyOperations(gateway.apiKeys, options),

    async setApiKey({ api_key }) {
      const { settings } = await saveSettings(gateway, (current) => ({ ...current, proxy: { ...current.proxy, api_key: api_key.trim() } }));
      return { api_key_masked: viewSettings(settings, gateway.dataDir).proxy.api_key_masked };
    },
  };
}

/** The named keys alone: also what the CLI runs over the store when no gateway holds the data dir. */
export function createNamedKeyOperations(apiKeys: ApiKeyStore, options: { now: () => number }): NamedKeyHandlers {
  const describe = (key: Parameters<typeof describeApiKey>[0]) => describeApiKey(key, options.now());

  return {
    async listKeys() {
      return { items: apiKeys.list().map(describe) };
    },

    async createKey({ name, label, expires, models, rpm }) {
      const created = await apiKeys.create({
        name,
        ...(label === undefined ? {} : { label }),
        expires_at: expires === undefined || expires === null ? null : parseKeyExpiry(expires, options.now()),
        ...(models === undefined ? {} : { models }),
        ...(rpm === undefined ? {} : { rpm }),
      });
      return { item: describe(created.key), secret: created.secret };
    },

    async updateKey({ name, label, expires, models, rpm, disabled }) {
      const patch: ApiKeyPatch = {
        ...(label === undefined ? {} : { label }),
        ...(expires === undefined ? {} : { expires_at: expires === null ? null : parseKeyExpiry(expires, options.now()) }),
        ...(models === undefined ? {} : { models }),
        ...(rpm === undefined ? {} : { rpm }),
        ...(disabled === undefined ? {} : { disabled }),
      };
      return { item: describe(await apiKeys.update(name, patch)) };
    },

    async deleteKey({ name }) {
      await apiKeys.remove(name);
      return { deleted: true };
    },

    async regenerateKey({ name }) {
      const regenerated = await apiKeys.regenerate(name);
      return { item: describe(regenerated.key), secret: regenerated.secret };
    },
  };
}
