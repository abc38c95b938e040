/** `skyport accounts add --file F` (and several tokens on stdin): every refresh token, verified and added one at a time. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseRefreshTokenList } from '../accounts/parse-refresh-token-list.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { AccountsBackend } from './accounts-backend.js';
import { addTokenEntries } from './add-token-entries.js';
import type { CliIo } from './cli-io.js';

export async function readTokenFile(file: string): Promise<string> {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch (error) {
    throw new GatewayError('invalid_request', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export async function runAccountsImport(backend: Pick<AccountsBackend, 'addAccountByRefreshToken'>, text: string, io: CliIo): Promise<number> {
  const entries = parseRefreshTokenList(text);
  const added = await addTokenEntries(backend, entries, io);
  io.stdout(`Added ${added} of ${entries.length} account${entries.length === 1 ? '' : 's'}.`);
  return added === entries.length ? 0 : 1;
}
