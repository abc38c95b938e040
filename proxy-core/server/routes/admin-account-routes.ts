/**
 * The accounts part of the admin API (`/api/admin/accounts…`, behind admin-auth): list, add by
 * refresh token or Google sign-in, remove, enable/disable, refresh quota, per-account proxy.
 * Accounts leave through describeAccount only, so no refresh token ever reaches a client.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { Account } from '../../accounts/account-schema.js';
import { describeAccount } from '../../accounts/describe-account.js';
import { googleAccountsNotice } from '../../accounts/google-accounts-notice.js';
import { createSignInSessions, type SignInSessions, type SignInSessionView } from '../../accounts/sign-in-sessions.js';
import { formatZodIssues } from '../../config/format-zod-issues.js';
import { upstreamProxyUrlSchema } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminContext } from '../gateway-context.js';
import type { RouteCatalog } from '../route-catalog.js';

export interface AdminAccountRoutesDependencies {
  admin: AdminContext;
  now: () => number;
  /** Injected by tests; by default one set per app. */
  signIns?: SignInSessions;
}

const addAccountRequestSchema = z.object({ refresh_token: z.string().min(1, 'is required') });
const setProxyRequestSchema = z.object({ url: z.union([upstreamProxyUrlSchema, z.null()]).optional() });
const completeSignInRequestSchema = z.object({ input: z.string().min(1, 'is required') });

const base = '/api/admin/accounts';

export function registerAdminAccountRoutes(router: Router, catalog: RouteCatalog, deps: AdminAccountRoutesDependencies): void {
  const { admin, now } = deps;
  const signIns = deps.signIns ?? createSignInSessions({ startGoogleSignIn: (options) => admin.startGoogleSignIn(options), now });
  const describe = (account: Account) => describeAccount(account, now());

  const findAccount = (request: Request): Account => {
    const email = String(request.params.email);
    const account = admin.accounts.get(email);
    if (account === undefined) throw new GatewayError('not_found', `No account ${email}.`, { code: 'account_not_found', param: 'email' });
    return account;
  };
  const update = async (account: Account, patch: Partial<Account>) => {
    const updated = await admin.accounts.update(account.email, patch);
    if (updated === undefined) throw new GatewayError('not_found', `No account ${account.email}.`, { code: 'account_not_found', param: 'email' });
    return updated;
  };

  router.get(base, (_request, response) => {
    response.json({ items: admin.accounts.list().map(describe) });
  });
  catalog.add('GET', base);

  router.post(base, async (request, response) => {
    const body = parseBody(addAccountRequestSchema, request.body);
    const account = await admin.addAccountByRefreshToken(body.refresh_token).catch((error: unknown) => {
      // A dead token in the body is a bad request, not a failed admin login (401 would say that).
      if (error instanceof GatewayError && error.code === 'invalid_grant') {
        throw new GatewayError('invalid_request', error.message, { code: 'invalid_grant', param: 'refresh_token' });
      }
      throw error;
    });
    response.status(201).json({ item: describe(account) });
  });
  catalog.add('POST', base);

  router.post(`${base}/refresh-quota`, async (_request, response) => {
    const results = await admin.refreshQuotas();
    response.json({
      results: results.map((result) =>
        result.ok ? { email: result.email, ok: true, item: describe(result.account) } : { email: result.email, ok: false, error: result.error.message },
      ),
    });
  });
  catalog.add('POST', `${base}/refresh-quota`);

  router.post(`${base}/login`, async (_request, response) => {
    const session = await signIns.start();
    response.status(201).json({ ...viewSignIn(session), notice: googleAccountsNotice });
  });
  catalog.add('POST', `${base}/login`);

  router.get(`${base}/login/:id`, (request, response) => {
    const id = String(request.params.id);
    const session = signIns.get(id);
    if (session === undefined) throw new GatewayError('not_found', `No sign-in ${id}.`, { code: 'sign_in_not_found', param: 'id' });
    response.json(viewSignIn(session));
  });
  catalog.add('GET', `${base}/login/:id`);

  router.post(`${base}/login/:id/complete`, async (request, response) => {
    const id = String(request.params.id);
    const body = parseBody(completeSignInRequestSchema, request.body);
    const account = await signIns.complete(id, body.input);
    response.json({ login_id: id, status: 'succeeded', email: account.email, item: describe(account) });
  });
  catalog.add('POST', `${base}/login/:id/complete`);

  router.delete(`${base}/login/:id`, async (request, response) => {
    const id = String(request.params.id);
    const session = await signIns.cancel(id);
    if (session === undefined) throw new GatewayError('not_found', `No sign-in ${id}.`, { code: 'sign_in_not_found', param: 'id' });
    response.json(viewSignIn(session));
  });
  catalog.add('DELETE', `${base}/login/:id`);

  router.delete(`${base}/:email`, async (request, response) => {
    const account = findAccount(request);
    await admin.accounts.remove(account.email);
    response.json({ deleted: true, email: account.email });
  });
  catalog.add('DELETE', `${base}/:email`);

  router.post(`${base}/:email/enable`, async (request, response) => {
    const account = findAccount(request);
    if (account.status === 'revoked') {
      throw new GatewayError('invalid_request', `The refresh token of ${account.email} was revoked; add the account again (sign in, or POST ${base} with a new refresh token).`, {
        code: 'account_revoked',
      });
    }
    // Enabling is the user saying "try it again": old cooldowns and refusals no longer stand.
    const updated = await update(account, { status: 'active', statusReason: undefined, validationUrl: undefined, cooldowns: {} });
    response.json({ item: describe(updated) });
  });
  catalog.add('POST', `${base}/:email/enable`);

  router.post(`${base}/:email/disable`, async (request, response) => {
    const account = findAccount(request);
    const updated = await update(account, { status: 'disabled', statusReason: 'Disabled by user' });
    response.json({ item: describe(updated) });
  });
  catalog.add('POST', `${base}/:email/disable`);

  router.post(`${base}/:email/refresh-quota`, async (request, response) => {
    const account = findAccount(request);
    const [result] = await admin.refreshQuotas(account.email);
    if (result === undefined) throw new GatewayError('internal', 'The quota refresh returned nothing.');
    if (!result.ok) throw result.error;
    response.json({ item: describe(result.account) });
  });
  catalog.add('POST', `${base}/:email/refresh-quota`);

  router.put(`${base}/:email/proxy`, async (request, response) => {
    const account = findAccount(request);
    const url = parseBody(setProxyRequestSchema, request.body).url ?? '';
    const updated = await update(account, { upstreamProxy: url === '' ? undefined : url });
    response.json({ item: describe(updated) });
  });
  catalog.add('PUT', `${base}/:email/proxy`);
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

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new GatewayError('invalid_request', `Invalid request body: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
