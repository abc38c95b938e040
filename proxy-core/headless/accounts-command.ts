/**
 * `skyport accounts login | add --refresh-token T | add --refresh-token - | add --file F | list | warmup [EMAIL] |
 * remove EMAIL | export --out F [--plain] | import F | import --from APP [F]`. While a gateway runs on the data dir, changes go through it (open-data-dir.ts);
 * otherwise this command holds the data dir's lock while it writes.
 */
import { join } from 'node:path';
import { createAccountStore } from '../accounts/account-store.js';
import { parseRefreshTokenList } from '../accounts/parse-refresh-token-list.js';
import { createGateway } from '../create-gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { silentLogger } from '../logging/logger.js';
import { createLocalAccountsBackend, createRemoteAccountsBackend, type AccountRow, type AccountsBackend } from './accounts-backend.js';
import { readTokenFile, runAccountsImport } from './accounts-import-command.js';
import { runAccountsLogin } from './accounts-login-command.js';
import { runAccountsExport, runAccountsImportCommand } from './accounts-transfer-command.js';
import type { CliIo } from './cli-io.js';
import { openDataDir, type OpenDataDirOptions } from './open-data-dir.js';
import { readRefreshTokenInput, stdinTokenMarker } from './read-refresh-token-input.js';

const usage =
  'Usage: skyport accounts login | add --refresh-token - | add --refresh-token TOKEN | add --file FILE | list | remove EMAIL | warmup [EMAIL] | export --out FILE [--plain] | import FILE | import --from antigravity|gemini-cli|antigravity-manager [FILE]';

export type AccountsCommandOptions = Pick<OpenDataDirOptions, 'fetch' | 'sleep'>;

export async function runAccountsCommand(
  dataDir: string,
  args: string[],
  flags: { refreshToken?: string | undefined; file?: string | undefined; out?: string | undefined; plain?: boolean | undefined; from?: string | undefined },
  io: CliIo,
  options: AccountsCommandOptions = {},
): Promise<number> {
  const [action, target] = args;
  const withBackend = (command: string, run: (backend: AccountsBackend) => Promise<number>) => withAccountsBackend(dataDir, command, io, options, run);
  switch (action) {
    case 'login':
      return withBackend('accounts login', (backend) => runAccountsLogin(backend, io));
    case 'add': {
      // Read before the data dir is taken: a prompt waiting for the user must not hold the lock.
      if (flags.file !== undefined && flags.file.trim() !== '') {
        const text = await readTokenFile(flags.file);
        return withBackend('accounts add', (backend) => runAccountsImport(backend, text, io));
      }
      if (flags.refreshToken === undefined || flags.refreshToken.trim() === '') throw new GatewayError('invalid_request', usage);
      const text = flags.refreshToken === stdinTokenMarker ? await readRefreshTokenInput(io) : flags.refreshToken;
      const entries = parseRefreshTokenList(text);
      const [only] = entries;
      if (entries.length > 1 || only === undefined || !('token' in only)) return withBackend('accounts add', (backend) => runAccountsImport(backend, text, io));
      return withBackend('accounts add', async (backend) => {
        io.stdout((await backend.addAccountByRefreshToken(only.token)).email);
        return 0;
      });
    }
    case 'list':
      return listAccounts(dataDir, io, options);
    case 'export':
      return runAccountsExport(flags, io, withBackend);
    case 'import':
      return runAccountsImportCommand(target, flags.from, io, withBackend);
    case 'warmup':
      return withBackend('accounts warmup', async (backend) => {
        const results = await backend.warmUp(target);
        if (results.length === 0) io.stdout('No active account to warm up.');
        for (const result of results) io.stdout(`${result.email}\t${result.model}\t${result.status}${result.detail === null ? '' : `\t${result.detail}`}`);
        return results.some((result) => result.status === 'failed') ? 1 : 0;
      });
    case 'remove': {
      if (target === undefined) throw new GatewayError('invalid_request', 'Usage: skyport accounts remove EMAIL');
      return withBackend('accounts remove', async (backend) => {
        if (!(await backend.removeAccount(target))) throw new GatewayError('not_found', `No account ${target}.`);
        io.stdout(`Removed ${target}`);
        return 0;
      });
    }
    default:
      throw new GatewayError('invalid_request', usage);
  }
}

async function withAccountsBackend(
  dataDir: string,
  command: string,
  io: CliIo,
  options: AccountsCommandOptions,
  run: (backend: AccountsBackend) => Promise<number>,
): Promise<number> {
  const access = await openDataDir(dataDir, { command, ...options });
  if (access.kind === 'gateway') return run(createRemoteAccountsBackend(access.client, options.sleep === undefined ? {} : { sleep: options.sleep }));
  try {
    const gateway = await createGateway({
      dataDir,
      environment: io.environment,
      logger: { ...silentLogger, warn: io.stderr, error: io.stderr },
      // A one-shot command reads no quotas in the background.
      backgroundQuotaRefresh: false,
    });
    try {
      return await run(createLocalAccountsBackend(gateway));
    } finally {
      await gateway.close();
    }
  } finally {
    await access.lock?.release();
  }
}

async function listAccounts(dataDir: string, io: CliIo, options: AccountsCommandOptions): Promise<number> {
  const access = await openDataDir(dataDir, { command: 'accounts list', readOnly: true, ...options });
  let rows: AccountRow[];
  if (access.kind === 'gateway') {
    rows = await createRemoteAccountsBackend(access.client).listAccounts();
  } else {
    try {
      const store = await createAccountStore({ filePath: join(dataDir, 'accounts.json'), logger: { warn: io.stderr } });
      rows = store.list().map((account) => ({ email: account.email, status: account.status, statusReason: account.statusReason, tier: account.tier, projectId: account.projectId }));
    } finally {
      await access.lock?.release();
    }
  }
  if (rows.length === 0) io.stdout('No accounts. Add one with: npm run skyport -- accounts login');
  for (const row of rows) {
    const reason = row.statusReason === undefined ? '' : ` (${row.statusReason})`;
    io.stdout(`${row.email}\t${row.status}${reason}\t${row.tier ?? '-'}\t${row.projectId ?? '-'}`);
  }
  return 0;
}
