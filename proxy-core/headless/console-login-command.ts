/**
 * `skyport console-login`: the web console's address with a one-click sign-in link, and the
 * admin credential itself. The token rides in the URL fragment (`#token=…`), which the browser
 * never sends to a server, so it reaches no access log; the console takes it and removes it from
 * the address bar. Anyone who can run this can read the data dir, which is what owning the
 * gateway means.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readOrCreateAdminToken } from '../config/admin-token.js';
import { settingsSchema, type Settings } from '../config/settings-schema.js';
import type { CliIo } from './cli-io.js';
import { readDataDirLock } from './data-dir-lock.js';
import { formatConsoleLoginLink } from './format-console-login.js';
import { parsePort } from './serve-command.js';

/**
 * config.json as it is, only read: this command must not write the settings (a running gateway
 * owns them). Defaults when it is missing or unreadable; the gateway reports those itself.
 */
async function readSettingsQuietly(dataDir: string): Promise<Settings> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or not JSON: the defaults below.
  }
  return settingsSchema.parse({});
}

export async function runConsoleLoginCommand(dataDir: string, flags: { port?: string | undefined }, io: CliIo): Promise<number> {
  const adminToken = await readOrCreateAdminToken(dataDir);
  const settings = await readSettingsQuietly(dataDir);
  // A running gateway names its address in the data dir's lock (a `serve --port` run included);
  // else the configured port. The console is reached over loopback on the gateway's machine.
  const running = await readDataDirLock(dataDir);
  const port = parsePort(flags.port);
  const origin = port !== undefined ? `http://127.0.0.1:${port}` : (running?.url ?? `http://127.0.0.1:${settings.proxy.port}`);
  io.stdout(`Web console: ${origin}/console/${running?.url ? '' : ' (no gateway runs on this data dir now: start it with npm run serve)'}`);
  io.stdout(`Sign in with one click (on this machine; keep the link private, it holds the admin token):`);
  io.stdout(`  ${formatConsoleLoginLink(origin, adminToken)}`);
  io.stdout(`Admin token (paste it on the console's sign-in page; it is kept in ${join(dataDir, 'admin-token')}):`);
  io.stdout(`  ${adminToken}`);
  if (settings.proxy.admin_password.trim() !== '') io.stdout('The console password works as well.');
  return 0;
}
