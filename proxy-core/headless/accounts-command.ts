/** `skyport accounts login | add --refresh-token T | add --file F | list | remove EMAIL`. */
import { createGateway } from '../create-gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { silentLogger } from '../logging/logger.js';
import { runAccountsImport } from './accounts-import-command.js';
import { runAccountsLogin } from './accounts-login-command.js';
import type { CliIo } from './cli-io.js';

const usage = 'Usage: skyport accounts login | add --refresh-token TOKEN | add --file FILE | list | remove EMAIL';

export async function runAccountsCommand(
  dataDir: string,
  args: string[],
  flags: { refreshToken?: string | undefined; file?: string | undefined },
  io: CliIo,
): Promise<number> {
  const gateway = await createGateway({
    dataDir,
    environment: io.environment,
    logger: { ...silentLogger, warn: io.stderr, error: io.stderr },
    // A one-shot command reads no quotas in the background.
    backgroundQuotaRefresh: false,
  });
  try {
    const [action, target] = args;
    switch (action) {
      case 'login':
        return await runAccountsLogin(gateway, io);
      case 'add': {
        if (flags.file !== undefined && flags.file.trim() !== '') return await runAccountsImport(gateway, flags.file, io);
        if (flags.refreshToken === undefined || flags.refreshToken.trim() === '') {
          throw new GatewayError('invalid_request', 'Usage: skyport accounts add --refresh-token TOKEN | --file FILE');
        }
        const account = await gateway.addAccountByRefreshToken(flags.refreshToken);
        io.stdout(account.email);
        return 0;
      }
      case 'list': {
        const accounts = gateway.accountStore.list();
        if (accounts.length === 0) io.stdout('No accounts. Add one with: npm run skyport -- accounts login');
        for (const account of accounts) {
          const reason = account.statusReason === undefined ? '' : ` (${account.statusReason})`;
          io.stdout(`${account.email}\t${account.status}${reason}\t${account.tier ?? '-'}\t${account.projectId ?? '-'}`);
        }
        return 0;
      }
      case 'remove': {
        if (target === undefined) throw new GatewayError('invalid_request', 'Usage: skyport accounts remove EMAIL');
        if (!(await gateway.accountStore.remove(target))) throw new GatewayError('not_found', `No account ${target}.`);
        io.stdout(`Removed ${target}`);
        return 0;
      }
      default:
        throw new GatewayError('invalid_request', usage);
    }
  } finally {
    await gateway.close();
  }
}
