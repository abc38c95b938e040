/** The shared loop of `accounts add --file` and `accounts import --from`: each token verified and added on its own, problems reported, none fatal. */
import type { ImportedToken } from '../accounts/import/imported-token.js';
import { toGatewayError } from '../errors/gateway-error.js';
import type { AccountsBackend } from './accounts-backend.js';
import type { CliIo } from './cli-io.js';

export type TokenEntry = ImportedToken | { where: string; problem: string };

/** Adds every token entry one at a time (one bad token does not stop the rest) and returns how many were added. */
export async function addTokenEntries(backend: Pick<AccountsBackend, 'addAccountByRefreshToken'>, entries: readonly TokenEntry[], io: CliIo): Promise<number> {
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
      io.stderr(`${entry.where}${entry.email === undefined ? '' : ` (${entry.email})`}: ${toGatewayError(error).message.split(entry.token).join('[token]')}`);
    }
  }
  return added;
}
