/**
 * Refresh tokens from another app: a file the user names, or the app's default place on this
 * computer (macOS, Windows, Linux). Nothing here talks to Google or stores anything: the caller
 * verifies each token like any other new account (add-account-by-refresh-token.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../../errors/gateway-error.js';
import { importSourceLabels, type ImportSource } from './import-sources.js';
import { readAntigravityManagerDataDir, readAntigravityManagerExport, type ManagerEntry } from './read-antigravity-manager-export.js';
import { readAntigravityStateDb } from './read-antigravity-state-db.js';
import { readGeminiCliCredentials } from './read-gemini-cli-credentials.js';


/** Where this computer's user lives: passed in, so tests point it at a fake home. */
export interface LocalMachine {
  homeDir: string;
  platform: NodeJS.Platform;
  environment: Record<string, string | undefined>;
}

/** The default place of each app's accounts on `machine`. */
export function defaultImportPath(source: ImportSource, machine: LocalMachine): string {
  const { homeDir, platform, environment } = machine;
  switch (source) {
    case 'gemini-cli':
      return join(homeDir, '.gemini', 'oauth_creds.json');
    case 'antigravity-manager':
      return environment.ABV_DATA_DIR !== undefined && environment.ABV_DATA_DIR !== '' ? environment.ABV_DATA_DIR : join(homeDir, '.antigravity_tools');
    case 'antigravity': {
      const globalStorage = join('Antigravity', 'User', 'globalStorage', 'state.vscdb');
      if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', globalStorage);
      if (platform === 'win32') return join(environment.APPDATA ?? join(homeDir, 'AppData', 'Roaming'), globalStorage);
      return join(environment.XDG_CONFIG_HOME ?? join(homeDir, '.config'), globalStorage);
    }
  }
}

export interface ReadImportOptions {
  /** A file (or, for antigravity-manager, a data dir) instead of the default place. */
  file?: string;
  machine: LocalMachine;
  busyTimeoutMs?: number;
  /** better-sqlite3's addon built for Electron's Node ABI (the desktop app). */
  sqliteNativeBinding?: string;
}

export async function readAccountImportSource(source: ImportSource, options: ReadImportOptions): Promise<ManagerEntry[]> {
  const path = options.file ?? defaultImportPath(source, options.machine);
  const label = importSourceLabels[source];
  switch (source) {
    case 'antigravity':
      return readAntigravityStateDb(path, {
        ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
        ...(options.sqliteNativeBinding === undefined ? {} : { nativeBinding: options.sqliteNativeBinding }),
      });
    case 'gemini-cli':
      return readGeminiCliCredentials(await readSourceFile(path, label), path);
    case 'antigravity-manager': {
      if (await isDirectory(path, label)) return readAntigravityManagerDataDir(path);
      return readAntigravityManagerExport(await readSourceFile(path, label), path);
    }
  }
}

async function isDirectory(path: string, label: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw missing(path, label, error);
  }
}

async function readSourceFile(path: string, label: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw missing(path, label, error);
  }
}

function missing(path: string, label: string, error: unknown): GatewayError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new GatewayError('not_found', `Nothing of ${label} at ${path}. Is ${label} installed and signed in on this computer? Nothing was imported.`, { code: 'import_source_missing' });
  }
  return new GatewayError('invalid_request', `${path} could not be read (${code ?? String(error)}). Nothing was imported.`, { code: 'import_unreadable' });
}
