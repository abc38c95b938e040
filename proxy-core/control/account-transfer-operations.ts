/**
 * Accounts in and out of the gateway: the encrypted backup (export, restore) and the accounts of
 * other apps on the machine where the gateway runs (Antigravity, Gemini CLI, Antigravity
 * Manager). A backup restore trusts its tokens (see restore-accounts-backup.ts); every token from
 * another app is verified with Google before it is stored, like any new account.
 */
import { homedir } from 'node:os';
import { openAccountsBackup } from '../accounts/backup/open-accounts-backup.js';
import { restoreAccountsBackup } from '../accounts/backup/restore-accounts-backup.js';
import { sealAccountsBackup, type SealOptions } from '../accounts/backup/seal-accounts-backup.js';
import { importSourceLabels, importSources } from '../accounts/import/import-sources.js';
import type { ManagerEntry } from '../accounts/import/read-antigravity-manager-export.js';
import { readAntigravityManagerExport } from '../accounts/import/read-antigravity-manager-export.js';
import { defaultImportPath, readAccountImportSource, type LocalMachine } from '../accounts/import/read-account-import-source.js';
import type { Gateway } from './gateway.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { ControlHandlers } from './control-handlers.js';

type TransferGateway = Pick<Gateway, 'accountStore' | 'addAccountByRefreshToken'>;
type TransferHandlers = Pick<ControlHandlers, 'exportAccountsBackup' | 'restoreAccountsBackup' | 'findLocalAccounts' | 'importLocalAccounts'>;

export interface AccountTransferOptions {
  now: () => number;
  /** Whose files "this computer" means; tests point it at a fake home. Default: this process's user. */
  localMachine?: LocalMachine;
  /** better-sqlite3's addon built for Electron's Node ABI, to open Antigravity's database in the desktop app. */
  sqliteNativeBinding?: string;
  /** Only tests lower it (scrypt's default cost takes a good fraction of a second). */
  scryptParams?: Extract<SealOptions, { passphrase: string }>['scryptParams'];
}

export function currentMachine(): LocalMachine {
  return { homeDir: homedir(), platform: process.platform, environment: process.env };
}

export function createAccountTransferOperations(gateway: TransferGateway, options: AccountTransferOptions): TransferHandlers {
  const store = gateway.accountStore;
  const machine = () => options.localMachine ?? currentMachine();
  const now = () => new Date(options.now());
  const binding = options.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.sqliteNativeBinding };

  const refuseWhileLocked = () => {
    const problem = store.problem();
    if (problem?.kind === 'locked') throw new GatewayError('no_account', problem.message, { code: 'accounts_locked' });
  };

  const verifyEach = async (entries: readonly ManagerEntry[]) => {
    const results = [];
    for (const entry of entries) {
      if ('problem' in entry) {
        results.push({ where: entry.where, ok: false, email: null, error: entry.problem });
        continue;
      }
      try {
        const account = await gateway.addAccountByRefreshToken(entry.token);
        results.push({ where: entry.where, ok: true, email: account.email, error: null });
      } catch (error) {
        // Messages are token-free already; this keeps it so whatever a future message quotes.
        results.push({ where: entry.where, ok: false, email: entry.email ?? null, error: toGatewayError(error).message.split(entry.token).join('[token]') });
      }
    }
    return { results };
  };

  return {
    async exportAccountsBackup({ passphrase, plain }) {
      refuseWhileLocked();
      const accounts = store.list();
      if (accounts.length === 0) throw new GatewayError('invalid_request', 'There are no accounts to back up.', { code: 'no_accounts' });
      const day = now().toISOString().slice(0, 10);
      if (plain) {
        const content = await sealAccountsBackup(accounts, { plain: true, now });
        return { file_name: `skyport-accounts-${day}-UNENCRYPTED.json`, content, encrypted: false, count: accounts.length };
      }
      if (passphrase === undefined || passphrase === '') {
        throw new GatewayError('invalid_request', 'A passphrase is required to encrypt the backup (or ask for an unencrypted export explicitly).', {
          code: 'passphrase_required',
          param: 'passphrase',
        });
      }
      const content = await sealAccountsBackup(accounts, { passphrase, now, ...(options.scryptParams === undefined ? {} : { scryptParams: options.scryptParams }) });
      return { file_name: `skyport-accounts-${day}.json`, content, encrypted: true, count: accounts.length };
    },

    async restoreAccountsBackup({ content, passphrase }) {
      refuseWhileLocked();
      const backup = await openAccountsBackup(content, passphrase);
      return restoreAccountsBackup(store, backup.accounts);
    },

    async findLocalAccounts() {
      const here = machine();
      const sources = [];
      for (const source of importSources) {
        const path = defaultImportPath(source, here);
        try {
          const entries = await readAccountImportSource(source, { machine: here, busyTimeoutMs: 500, ...binding });
          sources.push({ source, label: importSourceLabels[source], path, found: true, count: entries.filter((entry) => 'token' in entry).length, problem: null });
        } catch (error) {
          const gatewayError = toGatewayError(error);
          const absent = gatewayError.code === 'import_source_missing';
          sources.push({ source, label: importSourceLabels[source], path, found: !absent, count: absent ? 0 : null, problem: gatewayError.message });
        }
      }
      return { sources };
    },

    async importLocalAccounts({ source, content }) {
      refuseWhileLocked();
      if (content !== undefined) {
        if (source !== 'antigravity-manager') {
          throw new GatewayError('invalid_request', `Only an Antigravity Manager export can be sent as a file; ${importSourceLabels[source]} is read from this computer.`, {
            param: 'content',
          });
        }
        return verifyEach(readAntigravityManagerExport(content, 'the file'));
      }
      return verifyEach(await readAccountImportSource(source, { machine: machine(), ...binding }));
    },
  };
}
