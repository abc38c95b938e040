/**
 * Accounts of the reference app (Antigravity Manager, ANCHOR-ANTIGRAVITY-MANAGER.md §3.1, §12.2),
 * in every shape it writes them:
 *
 * - its account export: a JSON array of `{email, refresh_token}` (or `{"accounts": [...]}`, the
 *   export command's answer as a whole);
 * - one account file `accounts/<id>.json`: `{id, email, token: {refresh_token, …}, …}`, or an
 *   array of them;
 * - its data dir `~/.antigravity_tools` (`ABV_DATA_DIR`): every `accounts/*.json` in it.
 *
 * Entries without a token are reported, not silently dropped.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../../errors/gateway-error.js';
import type { ImportedToken } from './imported-token.js';

export type ManagerEntry = ImportedToken | { where: string; problem: string };

export function readAntigravityManagerExport(text: string, where: string): ManagerEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw unknownFormat(where, 'not valid JSON');
  }
  if (isRecord(json) && isRecord(json.token)) return [readEntry(json, where)];
  const items: unknown[] | undefined = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.accounts) ? json.accounts : undefined;
  if (items === undefined) throw unknownFormat(where, 'neither an account export (a list of {email, refresh_token}) nor an account file');
  if (items.length === 0) throw new GatewayError('invalid_request', `${where} lists no accounts. Nothing was imported.`, { code: 'import_nothing_found' });
  return items.map((item, index) => readEntry(item, `${where} entry ${index + 1}`));
}

/** Every account file in the reference app's data dir. */
export async function readAntigravityManagerDataDir(dataDir: string): Promise<ManagerEntry[]> {
  const accountsDir = join(dataDir, 'accounts');
  let names: string[];
  try {
    names = (await readdir(accountsDir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GatewayError('not_found', `No Antigravity Manager accounts at ${accountsDir}. Is Antigravity Manager installed on this computer? Nothing was imported.`, {
        code: 'import_source_missing',
      });
    }
    throw error;
  }
  if (names.length === 0) throw new GatewayError('not_found', `${accountsDir} holds no accounts. Nothing was imported.`, { code: 'import_nothing_found' });
  const entries: ManagerEntry[] = [];
  for (const name of names) {
    const where = join(accountsDir, name);
    try {
      entries.push(...readAntigravityManagerExport(await readFile(where, 'utf8'), where));
    } catch (error) {
      entries.push({ where, problem: error instanceof GatewayError ? error.message : 'could not be read' });
    }
  }
  return entries;
}

function readEntry(item: unknown, where: string): ManagerEntry {
  if (typeof item === 'string' && item.trim() !== '') return { where, token: item.trim() };
  if (!isRecord(item)) return { where, problem: 'not an account' };
  const nested = isRecord(item.token) ? item.token.refresh_token : undefined;
  const token = item.refresh_token ?? item.refreshToken ?? nested;
  if (typeof token !== 'string' || token.trim() === '') return { where, problem: 'no refresh_token' };
  const email = typeof item.email === 'string' && item.email.trim() !== '' ? item.email.trim() : undefined;
  return email === undefined ? { where, token: token.trim() } : { where, token: token.trim(), email };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownFormat(where: string, why: string): GatewayError {
  return new GatewayError('invalid_request', `${where} is not an Antigravity Manager export: ${why}. Nothing was imported.`, { code: 'import_unknown_format' });
}
