/** `skyport accounts add --file F` (and several tokens on stdin): every refresh token, verified and added one at a time. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseRefreshTokenList } from '../accounts/parse-refresh-token-list.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { AccountsBackend } from './accounts-backend.js';
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
  let added = 0;
  for (const entry of entries) {
    if ('problem' in entry) {
      io.stderr(`${entry.where}: ${entry.problem}`);
      continue;
    }
    try {
      const account = await backend.addAccountByRefreshToken(entry.token);
      io.stdout(`${entry.where}: ${account.email}`);
      added += 1;
    } catch (error) {
      // Messages are token-free already; this keeps it so whatever a future message quotes.
      io.stderr(`${entry.where}: ${toGatewayError(error).message.split(entry.token).join('[token]')}`);
    }
  }
  io.stdout(`Added ${added} of ${entries.length} account${entries.length === 1 ? '' : 's'}.`);
  return added === entries.length ? 0 : 1;
}
