/** `skyport accounts add --refresh-token T | list | remove EMAIL`. */
import { createGateway } from '../create-gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { silentLogger } from '../logging/logger.js';
import type { CliIo } from './cli-io.js';

export async function runAccountsCommand(
  dataDir: string,
  args: string[],
  flags: { refreshToken?: string | undefined },
  io: CliIo,
): Promise<number> {
  const gateway = await createGateway({ dataDir, environment: io.environment, logger: { ...silentLogger, warn: io.stderr, error: io.stderr } });
  try {
    const [action, target] = args;
    switch (action) {
      case 'add': {
        if (flags.refreshToken === undefined || flags.refreshToken.trim() === '') {
          throw new GatewayError('invalid_request', 'Usage: skyport accounts add --refresh-token TOKEN');
        }
        const account = await gateway.addAccountByRefreshToken(flags.refreshToken);
        io.stdout(account.email);
        return 0;
      }
      case 'list': {
        const accounts = gateway.accountStore.list();
        if (accounts.length === 0) io.stdout('No accounts. Add one with: npm run skyport -- accounts add --refresh-token TOKEN');
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
        throw new GatewayError('invalid_request', 'Usage: skyport accounts add --refresh-token TOKEN | list | remove EMAIL');
    }
  } finally {
    await gateway.close();
  }
}
