/**
 * The accounts part of the admin API (`/api/admin/accounts…`, behind admin-auth): list, add by
 * refresh token or Google sign-in, remove, enable/disable, refresh quota, per-account proxy (and
 * its test), labels, and one action over many accounts (`/bulk`).
 * A REST face on the ControlApi (one implementation, two transports: this and
 * `/api/admin/control/<operation>`); accounts leave through describeAccount only, so no refresh
 * token ever reaches a client.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import { importSources } from '../../accounts/import/import-sources.js';
import { formatZodIssues } from '../../config/format-zod-issues.js';
import { bulkAccountActions, type ControlApi } from '../../control/control-operations.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { RouteCatalog } from '../route-catalog.js';

export interface AdminAccountRoutesDependencies {
  control: () => ControlApi;
}

const addAccountRequestSchema = z.object({ refresh_token: z.string().min(1, 'is required') });
const setProxyRequestSchema = z.object({ url: z.union([z.string(), z.null()]).optional() });
const completeSignInRequestSchema = z.object({ input: z.string().min(1, 'is required') });
const exportRequestSchema = z.object({ passphrase: z.string().optional(), plain: z.boolean().optional() });
const restoreRequestSchema = z.object({ content: z.string().min(1, 'is required'), passphrase: z.string().optional() });
const importRequestSchema = z.object({ source: z.enum(importSources), content: z.string().optional() });
const testProxyRequestSchema = z.object({ url: z.string().optional() });
const setLabelsRequestSchema = z.object({ labels: z.array(z.string()) });
const bulkRequestSchema = z.object({ emails: z.array(z.string()).min(1, 'needs at least one email'), action: z.enum(bulkAccountActions), label: z.string().optional() });

const base = '/api/admin/accounts';

export function registerAdminAccountRoutes(router: Router, catalog: RouteCatalog, deps: AdminAccountRoutesDependencies): void {
  const { control } = deps;
  const emailOf = (request: Request) => String(request.params.email);
  const loginIdOf = (request: Request) => String(request.params.id);
  const findItem = async (email: string) => {
    const { items } = await control().listAccounts({});
    return items.find((item) => item.email.toLowerCase() === email.toLowerCase());
  };

  router.get(base, async (_request, response) => {
    response.json(await control().listAccounts({}));
  });
  catalog.add('GET', base);

  router.post(base, async (request, response) => {
    const body = parseBody(addAccountRequestSchema, request.body);
    response.status(201).json(await control().addAccountByRefreshToken({ refresh_token: body.refresh_token }));
  });
  catalog.add('POST', base);

  router.post(`${base}/refresh-quota`, async (_request, response) => {
    const { results } = await control().refreshQuota({});
    const { items } = await control().listAccounts({});
    response.json({
      results: results.map((result) =>
        result.ok
          ? { email: result.email, ok: true, item: items.find((item) => item.email === result.email) ?? null }
          : { email: result.email, ok: false, error: result.error },
      ),
    });
  });
  catalog.add('POST', `${base}/refresh-quota`);

  // One action over many accounts: one store write, a result per email (200 even when some fail).
  router.post(`${base}/bulk`, async (request, response) => {
    const body = parseBody(bulkRequestSchema, request.body);
    response.json(await control().bulkAccountAction({ emails: body.emails, action: body.action, ...(body.label === undefined ? {} : { label: body.label }) }));
  });
  catalog.add('POST', `${base}/bulk`);

  router.post(`${base}/warmup`, async (_request, response) => {
    response.json(await control().warmUpAccounts({}));
  });
  catalog.add('POST', `${base}/warmup`);

  // Backup and restore (accounts/backup/), and other apps' accounts on the gateway's machine.
  router.post(`${base}/export`, async (request, response) => {
    const body = parseBody(exportRequestSchema, request.body);
    response.json(await control().exportAccountsBackup(body));
  });
  catalog.add('POST', `${base}/export`);

  router.post(`${base}/restore`, async (request, response) => {
    const body = parseBody(restoreRequestSchema, request.body);
    response.json(await control().restoreAccountsBackup(body.passphrase === undefined ? { content: body.content } : { content: body.content, passphrase: body.passphrase }));
  });
  catalog.add('POST', `${base}/restore`);

  router.get(`${base}/local`, async (_request, response) => {
    response.json(await control().findLocalAccounts({}));
  });
  catalog.add('GET', `${base}/local`);

  router.post(`${base}/import`, async (request, response) => {
    const body = parseBody(importRequestSchema, request.body);
    response.json(await control().importLocalAccounts(body.content === undefined ? { source: body.source } : { source: body.source, content: body.content }));
  });
  catalog.add('POST', `${base}/import`);

  router.post(`${base}/login`, async (_request, response) => {
    response.status(201).json(await control().startGoogleSignIn({}));
  });
  catalog.add('POST', `${base}/login`);

  router.get(`${base}/login/:id`, async (request, response) => {
    response.json(await control().getGoogleSignIn({ login_id: loginIdOf(request) }));
  });
  catalog.add('GET', `${base}/login/:id`);

  router.post(`${base}/login/:id/complete`, async (request, response) => {
    const body = parseBody(completeSignInRequestSchema, request.body);
    const view = await control().completeGoogleSignIn({ login_id: loginIdOf(request), input: body.input });
    const item = view.email === null ? null : ((await findItem(view.email)) ?? null);
    response.json({ login_id: view.login_id, status: view.status, email: view.email, item });
  });
  catalog.add('POST', `${base}/login/:id/complete`);

  router.delete(`${base}/login/:id`, async (request, response) => {
    response.json(await control().cancelGoogleSignIn({ login_id: loginIdOf(request) }));
  });
  catalog.add('DELETE', `${base}/login/:id`);

  router.delete(`${base}/:email`, async (request, response) => {
    const item = await findItem(emailOf(request));
    const { deleted } = item === undefined ? { deleted: false } : await control().removeAccount({ email: item.email });
    if (!deleted || item === undefined) throw accountNotFound(emailOf(request));
    response.json({ deleted: true, email: item.email });
  });
  catalog.add('DELETE', `${base}/:email`);

  router.post(`${base}/:email/enable`, async (request, response) => {
    response.json(await control().enableAccount({ email: emailOf(request) }));
  });
  catalog.add('POST', `${base}/:email/enable`);

  router.post(`${base}/:email/disable`, async (request, response) => {
    response.json(await control().disableAccount({ email: emailOf(request) }));
  });
  catalog.add('POST', `${base}/:email/disable`);

  router.post(`${base}/:email/refresh-quota`, async (request, response) => {
    const email = emailOf(request);
    const [result] = (await control().refreshQuota({ email })).results;
    if (result === undefined) throw new GatewayError('internal', 'The quota refresh returned nothing.');
    if (!result.ok) throw new GatewayError('upstream', result.error ?? 'The quota refresh failed.', { code: 'quota_refresh_failed' });
    const item = await findItem(result.email);
    if (item === undefined) throw accountNotFound(email);
    response.json({ item });
  });
  catalog.add('POST', `${base}/:email/refresh-quota`);

  router.post(`${base}/:email/warmup`, async (request, response) => {
    response.json(await control().warmUpAccounts({ email: emailOf(request) }));
  });
  catalog.add('POST', `${base}/:email/warmup`);

  router.put(`${base}/:email/proxy`, async (request, response) => {
    const url = parseBody(setProxyRequestSchema, request.body).url ?? '';
    response.json(await control().setAccountProxy({ email: emailOf(request), url }));
  });
  catalog.add('PUT', `${base}/:email/proxy`);

  // A real token refresh and quota read through the proxy (`url`, or the saved one): outcome and latency.
  router.post(`${base}/:email/proxy/test`, async (request, response) => {
    const { url } = parseBody(testProxyRequestSchema, request.body);
    response.json(await control().testAccountProxy({ email: emailOf(request), ...(url === undefined ? {} : { url }) }));
  });
  catalog.add('POST', `${base}/:email/proxy/test`);

  router.put(`${base}/:email/labels`, async (request, response) => {
    const { labels } = parseBody(setLabelsRequestSchema, request.body);
    response.json(await control().setAccountLabels({ email: emailOf(request), labels }));
  });
  catalog.add('PUT', `${base}/:email/labels`);
}

function accountNotFound(email: string): GatewayError {
  return new GatewayError('not_found', `No account ${email}.`, { code: 'account_not_found', param: 'email' });
}

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new GatewayError('invalid_request', `Invalid request body: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
