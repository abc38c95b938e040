/**
 * Save a whole new settings object the way the UI expects: validated (the message names the
 * field), LAN access refused without a key, and a port or LAN change carried out at once by
 * moving the listener. If the new address cannot be bound, the old settings are put back and
 * the gateway keeps listening where it was.
 */
import type { Settings } from '../config/settings-schema.js';
import { parseSettings } from '../config/settings-store.js';
import type { Gateway } from './gateway.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { refuseShortApiKey } from '../config/refuse-short-api-key.js';
import { refuseWeakConsolePassword } from './refuse-weak-console-password.js';
import { revertSettingsChange } from './revert-settings-change.js';

export type SettingsGateway = Pick<Gateway, 'settingsStore' | 'status' | 'moveListener'>;

export interface SavedSettings {
  settings: Settings;
  /** The listener moved. */
  restarted: boolean;
  /** What happened to the listener, for the user. */
  message: string | null;
}


/**
 * `change` gets the settings as saved by every earlier change (the store runs changes one at a
 * time) and returns the next ones, so concurrent callers never overwrite each other's fields.
 */
export async function saveSettings(gateway: SettingsGateway, change: (current: Settings) => unknown): Promise<SavedSettings> {
  let previous: Settings | undefined;
  const saved = await gateway.settingsStore.update((current) => {
    const parsed = parseSettings(change(current));
    refuseLanWithoutKey(current, parsed);
    refuseWeakConsolePassword(current, parsed);
    refuseShortApiKey(current.proxy.api_key, parsed.proxy.api_key);
    previous = current;
    return parsed;
  });
  if (previous === undefined) throw new GatewayError('internal', 'The settings change did not run.');
  const portChanged = saved.proxy.port !== previous.proxy.port;
  const hostChanged = saved.proxy.allow_lan_access !== previous.proxy.allow_lan_access;
  if (!portChanged && !hostChanged) return { settings: saved, restarted: false, message: null };

  const before = gateway.status();
  if (!before.running) {
    return { settings: saved, restarted: false, message: `Saved. Skyport will listen on ${describeAddress(saved)} when it starts.` };
  }
  try {
    const after = await gateway.moveListener({ port: portChanged, host: hostChanged });
    const moved = after.port !== before.port || after.host !== before.host;
    const message = moved
      ? `Skyport now listens on ${after.baseUrl ?? describeAddress(saved)}${saved.proxy.allow_lan_access ? ' and on your network' : ''}; the old address no longer answers.`
      : `Saved. This run keeps listening on ${after.baseUrl} (set on the command line).`;
    return { settings: saved, restarted: moved, message };
  } catch (caught) {
    const before = previous;
    // Only this change is taken back: anything saved after it stays.
    await gateway.settingsStore.update((current) => revertSettingsChange(current, saved, before));
    const error = toGatewayError(caught);
    const now = gateway.status();
    const where = now.running ? ` Skyport keeps listening on ${now.baseUrl}.` : ' Skyport is not listening now; start it again.';
    throw new GatewayError(error.kind, `${error.message} The change was not saved.${where}`, {
      status: error.status,
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.param === undefined ? {} : { param: error.param }),
      cause: caught,
    });
  }
}

/** LAN access never runs without a key (STYLE.md, gateway security defaults). */
function refuseLanWithoutKey(previous: Settings, next: Settings): void {
  if (!next.proxy.allow_lan_access || next.proxy.auth_mode !== 'off') return;
  const param = previous.proxy.allow_lan_access ? 'proxy.auth_mode' : 'proxy.allow_lan_access';
  throw new GatewayError(
    'invalid_request',
    'LAN access needs an API key: anyone on your network could otherwise use your accounts. Set authorization to auto, strict or all_except_health first.',
    { code: 'lan_requires_key', param },
  );
}

function describeAddress(settings: Settings): string {
  return settings.proxy.allow_lan_access ? `port ${settings.proxy.port} (all interfaces)` : `http://127.0.0.1:${settings.proxy.port}/v1`;
}
