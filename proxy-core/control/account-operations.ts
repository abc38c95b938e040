/**
 * The accounts operations over the gateway's own functions (add by refresh token, Google
 * sign-in, quota refresh, the account store). Accounts leave through describeAccount only, so no
 * refresh token ever reaches the UI.
 */
import type { Account } from '../accounts/account-schema.js';
import { describeAccount, maskProxyPassword } from '../accounts/describe-account.js';
import { googleAccountsNotice } from '../accounts/google-accounts-notice.js';
import { normalizeAccountLabels } from '../accounts/normalize-account-labels.js';
import { parseRefreshTokenList } from '../accounts/parse-refresh-token-list.js';
import { createSignInSessions, type SignInSessions, type SignInSessionView } from '../accounts/sign-in-sessions.js';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { upstreamProxyUrlSchema } from '../config/settings-schema.js';
import type { Gateway } from './gateway.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { ControlHandlers } from './control-handlers.js';
import { runBulkAccountAction } from './run-bulk-account-action.js';
import { saveSettings } from './save-settings.js';

type AccountGateway = Pick<
  Gateway,
  | 'accountStore'
  | 'settingsStore'
  | 'status'
  | 'moveListener'
  | 'addAccountByRefreshToken'
  | 'startGoogleSignIn'
  | 'refreshQuotas'
  | 'warmUp'
  | 'testAccountProxy'
>;

type AccountHandlers = Pick<
  ControlHandlers,
  | 'listAccounts'
  | 'addAccountByRefreshToken'
  | 'importRefreshTokens'
  | 'startGoogleSignIn'
  | 'getGoogleSignIn'
  | 'completeGoogleSignIn'
  | 'cancelGoogleSignIn'
  | 'removeAccount'
  | 'enableAccount'
  | 'disableAccount'
  | 'refreshQuota'
  | 'warmUpAccounts'
  | 'setPreferredAccount'
  | 'setAccountProxy'
  | 'testAccountProxy'
  | 'setAccountLabels'
  | 'bulkAccountAction'
>;

export interface AccountOperationsOptions {
  now: () => number;
  /** Injected by tests; by default one set per ControlApi. */
  signIns?: SignInSessions;
}

export function createAccountOperations(gateway: AccountGateway, options: AccountOperationsOptions): AccountHandlers {
  const { now } = options;
  const store = gateway.accountStore;
  const signIns = options.signIns ?? createSignInSessions({ startGoogleSignIn: (signInOptions) => gateway.startGoogleSignIn(signInOptions), now });
  const describe = (account: Account) => describeAccount(account, now());

  const find = (email: string): Account => {
    const account = store.get(email);
    if (account === undefined) throw new GatewayError('not_found', `No account ${email}.`, { code: 'account_not_found', param: 'email' });
    return account;
  };
  const update = async (email: string, patch: Partial<Account>) => {
    const updated = await store.update(email, patch);
    if (updated === undefined) throw new GatewayError('not_found', `No account ${email}.`, { code: 'account_not_found', param: 'email' });
    return describe(updated);
  };
  const findSignIn = (loginId: string): SignInSessionView => {
    const session = signIns.get(loginId);
    if (session === undefined) throw signInNotFound(loginId);
    return session;
  };

  return {
    async listAccounts() {
      return { items: store.list().map(describe) };
    },

    async addAccountByRefreshToken({ refresh_token }) {
      const account = await gateway.addAccountByRefreshToken(refresh_token).catch((error: unknown) => {
        throw asBadToken(error);
      });
      return { item: describe(account) };
    },

    async importRefreshTokens({ text }) {
      const results = [];
      for (const entry of parseRefreshTokenList(text)) {
        if ('problem' in entry) {
          results.push({ ok: false, email: null, error: `${entry.where}: ${entry.problem}` });
          continue;
        }
        try {
          const account = await gateway.addAccountByRefreshToken(entry.token);
          results.push({ ok: true, email: account.email, error: null });
        } catch (error) {
          // Messages are token-free already; this keeps it so whatever a future message quotes.
          const message = toGatewayError(error).message.split(entry.token).join('[token]');
          results.push({ ok: false, email: null, error: `${entry.where}: ${message}` });
        }
      }
      return { results };
    },

    async startGoogleSignIn() {
      return { ...viewSignIn(await signIns.start()), notice: googleAccountsNotice };
    },

    async getGoogleSignIn({ login_id }) {
      return viewSignIn(findSignIn(login_id));
    },

    async completeGoogleSignIn({ login_id, input }) {
      findSignIn(login_id);
      await signIns.complete(login_id, input);
      return viewSignIn(findSignIn(login_id));
    },

    async cancelGoogleSignIn({ login_id }) {
      const session = await signIns.cancel(login_id);
      if (session === undefined) throw signInNotFound(login_id);
      return viewSignIn(session);
    },

    async removeAccount({ email }) {
      return { deleted: await store.remove(email) };
    },

    async enableAccount({ email }) {
      const account = find(email);
      if (account.status === 'revoked') {
        throw new GatewayError(
          'invalid_request',
          `The refresh token of ${account.email} was revoked; add the account again (sign in with Google, or add its new refresh token).`,
          { code: 'account_revoked', param: 'email' },
        );
      }
      // Enabling is the user saying "try it again": old cooldowns and refusals no longer stand.
      return { item: await update(account.email, { status: 'active', statusReason: undefined, validationUrl: undefined, cooldowns: {} }) };
    },

    async disableAccount({ email }) {
      const account = find(email);
      return { item: await update(account.email, { status: 'disabled', statusReason: 'Disabled by user' }) };
    },

    async refreshQuota({ email }) {
      if (email !== undefined) find(email);
      const results = await gateway.refreshQuotas(email);
      return {
        results: results.map((result) =>
          result.ok ? { email: result.account.email, ok: true, error: null } : { email: result.email, ok: false, error: result.error.message },
        ),
      };
    },

    async warmUpAccounts({ email }) {
      const account = email === undefined ? undefined : find(email);
      return { results: await gateway.warmUp(account?.email) };
    },

    async setPreferredAccount({ email }) {
      const preferred = email.trim() === '' ? '' : find(email).email;
      const { settings } = await saveSettings(gateway, (current) => ({ ...current, proxy: { ...current.proxy, preferred_account: preferred } }));
      return { preferred_account: settings.proxy.preferred_account };
    },

    async setAccountProxy({ email, url }) {
      const account = find(email);
      const parsed = upstreamProxyUrlSchema.safeParse(url);
      if (!parsed.success) {
        throw new GatewayError('invalid_request', `Invalid proxy URL: ${formatZodIssues(parsed.error, ['url'])}`, { param: 'url' });
      }
      const wanted = parsed.data;
      // The list shows the password masked; saving that shown value back keeps the stored one.
      const keep = account.upstreamProxy !== undefined && wanted === maskProxyPassword(account.upstreamProxy);
      return { item: await update(account.email, { upstreamProxy: wanted === '' ? undefined : keep ? account.upstreamProxy : wanted }) };
    },

    async testAccountProxy({ email, url }) {
      const account = find(email);
      const saved = account.upstreamProxy ?? '';
      if (url === undefined || (saved !== '' && url.trim() === maskProxyPassword(saved))) {
        return await gateway.testAccountProxy(account.email, saved);
      }
      const parsed = upstreamProxyUrlSchema.safeParse(url);
      if (!parsed.success) {
        throw new GatewayError('invalid_request', `Invalid proxy URL: ${formatZodIssues(parsed.error, ['url'])}`, { param: 'url' });
      }
      return await gateway.testAccountProxy(account.email, parsed.data);
    },

    async setAccountLabels({ email, labels }) {
      const account = find(email);
      return { item: await update(account.email, { labels: normalizeAccountLabels(labels) }) };
    },

    async bulkAccountAction({ emails, action, label }) {
      const results = await runBulkAccountAction({ store, refreshQuotas: (one) => gateway.refreshQuotas(one) }, { emails, action, label });
      return { results };
    },
  };
}

/** A dead token in the input is bad input, not a failed admin login (a 401 would say that). */
function asBadToken(error: unknown): unknown {
  if (error instanceof GatewayError && error.code === 'invalid_grant') {
    return new GatewayError('invalid_request', error.message, { code: 'invalid_grant', param: 'refresh_token' });
  }
  return error;
}

function signInNotFound(loginId: string): GatewayError {
  return new GatewayError('not_found', `No sign-in ${loginId} (finished sign-ins are forgotten after a while; start a new one).`, {
    code: 'sign_in_not_found',
    param: 'login_id',
  });
}

function viewSignIn(session: SignInSessionView) {
  return {
    login_id: session.id,
    status: session.status,
    authorize_url: session.authorizeUrl,
    redirect_uri: session.redirectUri,
    started_at: session.startedAt,
    email: session.email ?? null,
    error: session.error?.message ?? null,
  };
}
