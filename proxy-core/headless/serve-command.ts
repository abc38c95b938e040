/** `skyport serve`: run the gateway until SIGINT/SIGTERM, then drain in-flight requests and exit 0. */
import { createGateway } from '../create-gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createLogger } from '../logging/logger.js';
import { resolveLogOptions } from '../logging/resolve-log-options.js';
import type { CliIo } from './cli-io.js';

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GatewayError('invalid_request', `--port must be a number from 0 to 65535, got "${value}"`);
  return port;
}

export async function runServeCommand(dataDir: string, flags: { port?: string | undefined; host?: string | undefined }, io: CliIo): Promise<number> {
  // An unknown SKYPORT_LOG_LEVEL / SKYPORT_LOG_FORMAT throws here, before anything starts.
  const logger = createLogger({ write: io.stderr, ...resolveLogOptions(io.environment) });
  const port = parsePort(flags.port);
  const listen = { ...(flags.host === undefined ? {} : { host: flags.host }), ...(port === undefined ? {} : { port }) };
  const gateway = await createGateway({ dataDir, environment: io.environment, logger, listen });
  try {
    const status = await gateway.start();
    const accounts = gateway.accountStore.list().length;
    io.stdout(`Skyport is serving ${status.baseUrl} (data: ${dataDir}, accounts: ${accounts})`);
    if (status.baseUrl !== undefined) io.stdout(`Web console: ${status.baseUrl.replace(/\/v1$/, '')}/console/ (sign in with the admin password, or the API key when none is set)`);
    if (accounts === 0) io.stdout('No Google account yet: npm run skyport -- accounts login (or accounts add --refresh-token TOKEN)');
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const signal = await io.stopSignal;
  logger.info(`${signal} received: finishing in-flight requests`);
  await gateway.stop({ drainMs: 30_000 });
  await gateway.close();
  logger.info('Skyport stopped');
  return 0;
}
