/**
 * What the `accounts` commands need, from either side of the one-writer rule: the running
 * gateway's admin API (remote) or a gateway built on the locked data dir for this command only
 * (local). Both add, remove and sign in the same way, so the commands print the same things.
 */
import type { Gateway } from '../control/gateway.js';
import type { WarmUpResult } from '../warmup/warm-up-accounts.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { AdminClient } from './create-admin-client.js';
import type { RestoreSummary } from '../accounts/backup/restore-accounts-backup.js';
import { createAccountTransferOperations } from '../control/account-transfer-operations.js';

/** A Google sign-in as the CLI drives it (accounts/google-sign-in.ts locally, the admin API remotely). */
export interface CliSignIn {
  authorizeUrl: string;
  redirectUri: string;
  /** The added account once the sign-in succeeded; rejects on failure, cancel or timeout. */
  completion: Promise<{ email: string }>;
  /** The pasted address or code; rejects without ending the sign-in when it is unusable. */
  submitManual(input: string): Promise<unknown>;
  cancel(): void;
}

export interface AccountRow {
  email: string;
  status: string;
  statusReason: string | undefined;
  tier: string | undefined;
  projectId: string | undefined;
}

export interface AccountsBackend {
  addAccountByRefreshToken(refreshToken: string): Promise<{ email: string }>;
  /** False when there is no such account. */
  removeAccount(email: string): Promise<boolean>;
  startGoogleSignIn(): Promise<CliSignIn>;
  listAccounts(): Promise<AccountRow[]>;
  /** One account (throws not_found for an unknown email) or every active one. */
  warmUp(email?: string): Promise<WarmUpResult[]>;
  /** The accounts as a backup file's text: encrypted with `passphrase`, or plain when `plain`. */
  exportBackup(request: { passphrase?: string; plain: boolean }): Promise<{ content: string; count: number }>;
  /** Restores a backup file (all or nothing), merged by email. */
  restoreBackup(content: string, passphrase: string | undefined): Promise<RestoreSummary>;
}

export function createLocalAccountsBackend(gateway: Pick<Gateway, 'addAccountByRefreshToken' | 'accountStore' | 'startGoogleSignIn' | 'warmUp'>): AccountsBackend {
  const transfer = createAccountTransferOperations(gateway, { now: Date.now });
  return {
    exportBackup: async (request) => transfer.exportAccountsBackup(request),
    restoreBackup: (content, passphrase) => transfer.restoreAccountsBackup(passphrase === undefined ? { content } : { content, passphrase }),
    async warmUp(email) {
      if (email !== undefined && gateway.accountStore.get(email) === undefined) throw new GatewayError('not_found', `No account ${email}.`);
      return gateway.warmUp(email);
    },
    addAccountByRefreshToken: (refreshToken) => gateway.addAccountByRefreshToken(refreshToken),
    removeAccount: (email) => gateway.accountStore.remove(email),
    startGoogleSignIn: () => gateway.startGoogleSignIn(),
    listAccounts: async () =>
      gateway.accountStore.list().map((account) => ({
        email: account.email,
        status: account.status,
        statusReason: account.statusReason,
        tier: account.tier,
        projectId: account.projectId,
      })),
  };
}

export interface RemoteAccountsOptions {
  sleep?: (ms: number) => Promise<void>;
  /** How often a remote sign-in is asked whether the browser came back. */
  pollMs?: number;
}

export function createRemoteAccountsBackend(client: AdminClient, options: RemoteAccountsOptions = {}): AccountsBackend {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 500;
  return {
    exportBackup: (request) => client.call('exportAccountsBackup', request),
    restoreBackup: (content, passphrase) => client.call('restoreAccountsBackup', passphrase === undefined ? { content } : { content, passphrase }),
    async addAccountByRefreshToken(refreshToken) {
      const { item } = await client.call('addAccountByRefreshToken', { refresh_token: refreshToken });
      return { email: item.email };
    },
    async removeAccount(email) {
      return (await client.call('removeAccount', { email })).deleted;
    },
    async warmUp(email) {
      return (await client.call('warmUpAccounts', email === undefined ? {} : { email })).results;
    },
    async listAccounts() {
      const { items } = await client.call('listAccounts', {});
      return items.map((item) => ({
        email: item.email,
        status: item.status,
        statusReason: item.status_reason ?? undefined,
        tier: item.tier ?? undefined,
        projectId: item.project_id ?? undefined,
      }));
    },
    async startGoogleSignIn() {
      // The gateway runs the loopback listener Google returns to; this process only watches it.
      const started = await client.call('startGoogleSignIn', {});
      const loginId = started.login_id;
      const completion = (async () => {
        for (;;) {
          const view = await client.call('getGoogleSignIn', { login_id: loginId });
          if (view.status === 'succeeded' && view.email !== null) return { email: view.email };
          if (view.status === 'failed' || view.status === 'cancelled') {
            throw new GatewayError('invalid_request', view.error ?? `The sign-in was ${view.status}.`, { code: `sign_in_${view.status}` });
          }
          await sleep(pollMs);
        }
      })();
      return {
        authorizeUrl: started.authorize_url,
        redirectUri: started.redirect_uri,
        completion,
        submitManual: (input) => client.call('completeGoogleSignIn', { login_id: loginId, input }),
        cancel: () => void client.call('cancelGoogleSignIn', { login_id: loginId }).catch(() => undefined),
      };
    },
  };
}
