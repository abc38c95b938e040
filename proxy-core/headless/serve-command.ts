/** `skyport serve`: run the gateway until SIGINT/SIGTERM, then drain in-flight requests and exit 0. */
import type { Gateway, GatewayStatus } from '../control/gateway.js';
import { createGateway } from '../create-gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createLogger } from '../logging/logger.js';
import { resolveLogOptions } from '../logging/resolve-log-options.js';
import type { CliIo } from './cli-io.js';
import { acquireDataDirLock, dataDirLockPath } from './data-dir-lock.js';
import { removeLeftoverTempFiles } from './remove-leftover-temp-files.js';
import { formatConsoleHint } from './format-console-login.js';

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
  // One writer per data dir: a second serve stops here, naming the first (data-dir-lock.ts).
  const lock = await acquireDataDirLock(dataDir, { command: 'serve' });
  // The only writer now: temp files of writes cut by an earlier kill can go.
  await removeLeftoverTempFiles(dataDir).catch(() => []);
  let gateway: Gateway;
  try {
    gateway = await createGateway({ dataDir, environment: io.environment, logger, listen });
  } catch (error) {
    await lock.release();
    throw error;
  }
  // The lock names where the gateway listens, for the CLI's changes; kept in order as it moves.
  let lockWrites = Promise.resolve();
  const recordAddress = (status: GatewayStatus) => {
    const url = status.running && status.baseUrl !== undefined ? status.baseUrl.replace(/\/v1$/, '') : null;
    lockWrites = lockWrites.then(() => lock.setUrl(url)).catch((error: unknown) => logger.warn(`Could not update ${dataDirLockPath(dataDir)}: ${String(error)}`));
  };
  const stopRecording = gateway.onStatusChange(recordAddress);
  try {
    const status = await gateway.start();
    recordAddress(status);
    await lockWrites;
    const accounts = gateway.accountStore.list().length;
    io.stdout(`Skyport is serving ${status.baseUrl} (data: ${dataDir}, accounts: ${accounts})`);
    if (status.baseUrl !== undefined) io.stdout(formatConsoleHint(status.baseUrl.replace(/\/v1$/, '')));
    if (accounts === 0) io.stdout('No Google account yet: skyport accounts login, or accounts add --refresh-token TOKEN (in a checkout: npm run skyport -- accounts login)');
  } catch (error) {
    stopRecording();
    await gateway.close();
    await lockWrites;
    await lock.release();
    throw error;
  }
  const signal = await io.stopSignal;
  logger.info(`${signal} received: finishing in-flight requests`);
  await gateway.stop({ drainMs: 30_000 });
  stopRecording();
  await gateway.close();
  await lockWrites;
  await lock.release();
  logger.info('Skyport stopped');
  return 0;
}
