/**
 * The ControlApi over HTTP for the web console (behind admin-auth): `POST
 * /api/admin/control/<operation>` with the operation's input as the JSON body answers its output
 * as JSON. Errors come back like every admin error, in OpenAI's shape: 404 for an unknown
 * operation, 400 naming the field for bad input.
 */
import type { Router } from 'express';
import type { ControlApi, ControlOperationName } from '../../control/control-operations.js';
import { isControlOperationName, parseControlInput } from '../../control/parse-control-input.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { RouteCatalog } from '../route-catalog.js';

export const controlRoutePath = '/api/admin/control/:operation';

export function registerAdminControlRoutes(router: Router, catalog: RouteCatalog, deps: { control: () => ControlApi }): void {
  router.post(controlRoutePath, async (request, response) => {
    const name = String(request.params.operation);
    if (!isControlOperationName(name)) {
      throw new GatewayError('not_found', `Unknown control operation "${name}".`, { code: 'unknown_operation', param: 'operation' });
    }
    const output = await call(deps.control(), name, parseControlInput(name, request.body));
    response.json(output);
  });
  catalog.add('POST', controlRoutePath);
}

/** One call by name: the map of operations is indexed by a union, which TypeScript cannot correlate by itself. */
function call(control: ControlApi, name: ControlOperationName, input: unknown): Promise<unknown> {
  const operation = control[name] as (input: unknown) => Promise<unknown>;
  return operation(input);
}
