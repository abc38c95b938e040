/**
 * How a CLI command reaches the data dir (ARCHITECTURE.md, data directory: the running gateway is
 * the only writer). A gateway listening on it: through its admin API with the admin token. No
 * gateway: take the data dir's lock and work on the files, so a `serve` started meanwhile waits
 * its turn instead of loading a file that is about to change.
 */
import { networkInterfaces } from 'node:os';
import { readOrCreateAdminToken } from '../config/admin-token.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createAdminClient, type AdminClient } from './create-admin-client.js';
import { acquireDataDirLock, describeLockHolder, readDataDirLock, type DataDirLock, type DataDirLockOptions } from './data-dir-lock.js';

export type DataDirAccess =
  | { kind: 'gateway'; client: AdminClient }
  /** `lock` is undefined only for a read-only command while another one-shot command holds the dir. */
  | { kind: 'local'; lock: DataDirLock | undefined };

export interface OpenDataDirOptions {
  /** Shown to a process that finds the dir taken (`accounts add`). */
  command: string;
  /** Reads only: never refused, at worst it reads the files without the lock. */
  readOnly?: boolean;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  isProcessAlive?: DataDirLockOptions['isProcessAlive'];
  /** How long to wait for a `serve` that holds the lock but does not listen yet. */
  startupWaitMs?: number;
}

const pollMs = 100;

export async function openDataDir(dataDir: string, options: OpenDataDirOptions): Promise<DataDirAccess> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const aliveOption = options.isProcessAlive === undefined ? {} : { isProcessAlive: options.isProcessAlive };
  let waitedMs = 0;
  for (;;) {
    const holder = await readDataDirLock(dataDir, aliveOption);
    if (holder?.url !== undefined && holder.url !== null) {
      refuseRemoteAddress(holder.url, dataDir);
      const adminToken = await readOrCreateAdminToken(dataDir);
      return { kind: 'gateway', client: createAdminClient({ origin: holder.url, adminToken, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) }) };
    }
    if (holder !== undefined) {
      // A gateway that is starting writes its address in a moment; a one-shot command finishes soon.
      if (holder.command === 'serve' && waitedMs < (options.startupWaitMs ?? 10_000)) {
        await sleep(pollMs);
        waitedMs += pollMs;
        continue;
      }
      if (options.readOnly === true) return { kind: 'local', lock: undefined };
      throw new GatewayError('invalid_request', `The data dir ${dataDir} is in use by ${describeLockHolder(holder)}. Wait for it to finish and try again.`, {
        code: 'data_dir_locked',
      });
    }
    try {
      return { kind: 'local', lock: await acquireDataDirLock(dataDir, { command: options.command, ...aliveOption }) };
    } catch (error) {
      // Someone took it between the read and the lock: look again at who.
      if (error instanceof GatewayError && error.code === 'data_dir_locked') continue;
      throw error;
    }
  }
}

/**
 * The admin token goes only to this machine: loopback, or one of its own addresses (a gateway
 * started with `--host <LAN address>`), which the kernel delivers without leaving the host.
 */
function refuseRemoteAddress(url: string, dataDir: string): void {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw new GatewayError('invalid_request', `The lock file in ${dataDir} names an address that is not a URL (${url}); stop the gateway and start it again.`);
  }
  const own = new Set(['localhost', ...Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((address) => address.address))]);
  if (host === 'localhost' || host.startsWith('127.') || host === '::1' || own.has(host)) return;
  throw new GatewayError('invalid_request', `The gateway running on ${dataDir} listens at ${url}, not on this machine; the admin token is not sent there.`, {
    code: 'gateway_not_local',
  });
}
