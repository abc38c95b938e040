/**
 * Owner-only admin routes (behind admin-auth, and then stricter): only the data dir's admin token
 * opens them, never the console password. `POST /api/admin/owner/settings` is how `skyport config
 * set|unset` reaches a running gateway, for any key, `upstream.*` included, which the console's
 * updateSettings and importSettings refuse: whoever can read `<dataDir>/admin-token` can edit
 * `config.json` beside it anyway, while a console password may be known to people who must not
 * decide where refresh tokens are sent. For the same reason they answer only connections from
 * this machine: the CLI always calls from loopback, and a console signed in with the token from
 * another computer (LAN access) must not be able to redirect where tokens go.
 *
 * Body: `{"key": "proxy.port", "value": 8050}` sets, `{"key": "...", "unset": true}` goes back to
 * the default (or removes a mapping rule). Answer: `{key, value, restarted, message}`.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import { formatZodIssues } from '../../config/format-zod-issues.js';
import type { OwnerSettingResult } from '../../control/set-owner-setting.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { safeEqual } from '../../util/safe-equal.js';
import type { RouteCatalog } from '../route-catalog.js';

export const ownerSettingsPath = '/api/admin/owner/settings';

export interface AdminOwnerRoutesDependencies {
  /** The data dir's admin token; absent = these routes refuse everyone. */
  adminToken?: string;
  setSetting: (key: string, value: unknown) => Promise<OwnerSettingResult>;
  /** Whether a client address is this machine (the gateway's rule: loopback by default). */
  isLocalClient: (address: string) => boolean;
}

const ownerSettingRequestSchema = z.union([
  z.object({ key: z.string().min(1, 'is required'), value: z.unknown().refine((value) => value !== undefined, 'is required (or send "unset": true)') }).strict(),
  z.object({ key: z.string().min(1, 'is required'), unset: z.literal(true) }).strict(),
]);

function presentsAdminToken(request: Request, adminToken: string | undefined): boolean {
  const authorization = request.headers.authorization;
  if (adminToken === undefined || adminToken === '' || typeof authorization !== 'string') return false;
  return safeEqual(authorization.replace(/^Bearer\s+/i, '').trim(), adminToken);
}

export function registerAdminOwnerRoutes(router: Router, catalog: RouteCatalog, deps: AdminOwnerRoutesDependencies): void {
  router.post(ownerSettingsPath, async (request, response) => {
    if (!deps.isLocalClient(request.socket.remoteAddress ?? '')) {
      throw new GatewayError('permission', 'Owner settings change only from the gateway\'s own machine: run "npm run skyport -- config set KEY VALUE" there.', {
        code: 'owner_only_local',
      });
    }
    if (!presentsAdminToken(request, deps.adminToken)) {
      throw new GatewayError(
        'permission',
        'Only the admin token of this data dir can change settings here (the console password cannot): run "npm run skyport -- config set KEY VALUE" on the gateway\'s machine.',
        { code: 'owner_only' },
      );
    }
    const parsed = ownerSettingRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new GatewayError('invalid_request', `Invalid request body: ${formatZodIssues(parsed.error)}`);
    const body = parsed.data;
    const result = await deps.setSetting(body.key, 'unset' in body ? undefined : body.value);
    response.json({ key: body.key, value: result.value ?? null, restarted: result.restarted, message: result.message });
  });
  catalog.add('POST', ownerSettingsPath);
}
