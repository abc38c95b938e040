/**
 * The ControlApi over HTTP for the web console (behind admin-auth): `POST
 * /api/admin/control/<operation>` with the operation's input as the JSON body answers its output
 * as JSON. Errors come back like every admin error, in OpenAI's shape: 404 for an unknown
 * operation, 400 naming the field for bad input. A change of the console password also needs
 * `current_credential` in the body (confirm-console-password-change.ts).
 */
import type { Router } from 'express';
import type { ControlApi, ControlOperationName } from '../../control/control-operations.js';
import { isControlOperationName, parseControlInput } from '../../control/parse-control-input.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminCredentialSettings } from '../middleware/admin-auth.js';
import type { CredentialFailureLimiter } from '../middleware/credential-failure-limiter.js';
import type { RouteCatalog } from '../route-catalog.js';
import { confirmCurrentCredential, currentCredentialField, readConsolePasswordChange } from './confirm-console-password-change.js';

export const controlRoutePath = '/api/admin/control/:operation';

export interface AdminControlRouteDependencies {
  control: () => ControlApi;
  /** The credentials in force, for the password-change confirmation. */
  settings: () => AdminCredentialSettings;
  adminToken?: string;
  failures?: CredentialFailureLimiter;
}

/** Operations whose body may carry `current_credential` (they can change the console password). */
const confirmingOperations = new Set<string>(['updateSettings', 'importSettings']);

function splitCurrentCredential(name: string, body: unknown): { input: unknown; currentCredential: unknown } {
  if (!confirmingOperations.has(name) || typeof body !== 'object' || body === null || Array.isArray(body)) return { input: body, currentCredential: undefined };
  const { [currentCredentialField]: currentCredential, ...input } = body as Record<string, unknown>;
  return { input, currentCredential };
}

export function registerAdminControlRoutes(router: Router, catalog: RouteCatalog, deps: AdminControlRouteDependencies): void {
  router.post(controlRoutePath, async (request, response) => {
    const name = String(request.params.operation);
    if (!isControlOperationName(name)) {
      throw new GatewayError('not_found', `Unknown control operation "${name}".`, { code: 'unknown_operation', param: 'operation' });
    }
    const { input: rawInput, currentCredential } = splitCurrentCredential(name, request.body);
    const input = parseControlInput(name, rawInput);
    const settings = deps.settings();
    if (readConsolePasswordChange(name, input, settings.admin_password) !== undefined) {
      confirmCurrentCredential(currentCredential, {
        settings,
        adminToken: deps.adminToken,
        failures: deps.failures,
        clientAddress: request.socket.remoteAddress,
      });
    }
    const output = await call(deps.control(), name, input);
    response.json(output);
  });
  catalog.add('POST', controlRoutePath);
}

/** One call by name: the map of operations is indexed by a union, which TypeScript cannot correlate by itself. */
function call(control: ControlApi, name: ControlOperationName, input: unknown): Promise<unknown> {
  const operation = control[name] as (input: unknown) => Promise<unknown>;
  return operation(input);
}
