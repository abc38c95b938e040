/**
 * `config set KEY VALUE` / `config unset KEY` carried out by the running gateway, for any key,
 * `upstream.*` and secrets included. Not a ControlApi operation on purpose: the ControlApi is what
 * the console (and so the console password) can call, and `upstream.*` decides where refresh
 * tokens are sent. This runs only for the owner's admin token (admin-owner-routes.ts), the same
 * reach as editing `config.json` in the data dir, which the token file sits in.
 */
import { getSettingByPath, setSettingByPath } from '../config/set-setting-by-path.js';
import { saveSettings, type SavedSettings, type SettingsGateway } from './save-settings.js';

export interface OwnerSettingResult {
  /** The key's value once saved (undefined when unset to a value-less record entry). */
  value: unknown;
  restarted: boolean;
  message: string | null;
}

/** `value` undefined = back to the default (or a mapping rule removed). One read-modify-write, like every settings change. */
export async function setOwnerSetting(gateway: SettingsGateway, key: string, value: unknown): Promise<OwnerSettingResult> {
  const saved: SavedSettings = await saveSettings(gateway, (current) => setSettingByPath(current, key, value));
  return { value: getSettingByPath(saved.settings, key), restarted: saved.restarted, message: saved.message };
}
