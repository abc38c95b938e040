/**
 * The ControlApi over a gateway: every UI operation of control-operations.ts, in one place for
 * both transports (Electron IPC, `POST /api/admin/control/<name>`). Each call is validated against
 * its input schema and its result passed through its output schema, so a field added by mistake
 * (a token, a password) never leaves.
 */
import type { SignInSessions } from '../accounts/sign-in-sessions.js';
import type { Gateway } from './gateway.js';
import type { Logger } from '../logging/logger.js';
import { createAccountOperations } from './account-operations.js';
import { createAccountTransferOperations } from './account-transfer-operations.js';
import type { LocalMachine } from '../accounts/import/read-account-import-source.js';
import type { ScryptParams } from '../accounts/backup/accounts-backup-schema.js';
import { createAlertOperations } from './alert-operations.js';
import type { ControlHandlers } from './control-handlers.js';
import { controlOperations, type ControlApi, type ControlOperationName } from './control-operations.js';
import { createGatewayOperations } from './gateway-operations.js';
import type { NetworkInterfaces } from './find-lan-address.js';
import { createKeyOperations } from './key-operations.js';
import { createMappingOperations } from './mapping-operations.js';
import { createMonitorOperations } from './monitor-operations.js';
import { parseControlInput } from './parse-control-input.js';
import { createSettingsOperations } from './settings-operations.js';

export interface ControlApiOptions {
  /** Stop also closes the listener (the desktop app); default false: the web console must survive Stop. */
  closeListenerOnStop?: boolean;
  /** How long requests in flight may finish when Stop closes the listener; default 10 s. */
  stopDrainMs?: number;
  networkInterfaces?: NetworkInterfaces;
  now?: () => number;
  logger?: Pick<Logger, 'warn'>;
  signIns?: SignInSessions;
  /** Whose files "Import from this computer" reads; default this process's user (tests use a fake home). */
  localMachine?: LocalMachine;
  /** Backup key derivation cost; only tests lower it. */
  backupScryptParams?: ScryptParams;
  /** better-sqlite3's addon built for Electron's Node ABI (reading Antigravity's database in the desktop app). */
  sqliteNativeBinding?: string;
}

/** Everything of the gateway but its own ControlApi (which is built from this). */
export type ControlledGateway = Omit<Gateway, 'control'>;

export function createControlApi(gateway: ControlledGateway, options: ControlApiOptions = {}): ControlApi {
  const now = options.now ?? Date.now;
  const handlers: ControlHandlers = {
    ...createGatewayOperations(gateway, {
      closeListenerOnStop: options.closeListenerOnStop ?? false,
      stopDrainMs: options.stopDrainMs ?? 10_000,
      ...(options.networkInterfaces === undefined ? {} : { networkInterfaces: options.networkInterfaces }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    }),
    ...createSettingsOperations(gateway, { now }),
    ...createAccountOperations(gateway, { now, ...(options.signIns === undefined ? {} : { signIns: options.signIns }) }),
    ...createAccountTransferOperations(gateway, {
      now,
      ...(options.localMachine === undefined ? {} : { localMachine: options.localMachine }),
      ...(options.backupScryptParams === undefined ? {} : { scryptParams: options.backupScryptParams }),
      ...(options.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.sqliteNativeBinding }),
    }),
    ...createMappingOperations(gateway),
    ...createKeyOperations(gateway, { now }),
    ...createMonitorOperations(gateway, { now }),
    ...createAlertOperations(gateway),
  };
  const api: Partial<Record<ControlOperationName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(controlOperations) as ControlOperationName[]) {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const output = controlOperations[name].output;
    api[name] = async (input) => output.parse(await handler(parseControlInput(name, input)));
  }
  return api as ControlApi;
}
