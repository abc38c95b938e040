/** Untrusted arguments of a ControlApi call (IPC or HTTP) -> the operation's input, or a 400 naming the field. */
import { formatZodIssues } from '../config/format-zod-issues.js';
import { GatewayError } from '../errors/gateway-error.js';
import { controlOperations, type ControlInput, type ControlOperationName } from './control-operations.js';

export function isControlOperationName(name: string): name is ControlOperationName {
  return Object.hasOwn(controlOperations, name);
}

export function parseControlInput<Name extends ControlOperationName>(name: Name, input: unknown): ControlInput<Name> {
  // No arguments at all means "{}": `getStatus()` from the preload, an empty POST body.
  const parsed = controlOperations[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const param = first === undefined || first.path.length === 0 ? undefined : first.path.map(String).join('.');
    throw new GatewayError('invalid_request', `Invalid input for ${name}: ${formatZodIssues(parsed.error)}`, {
      code: 'invalid_input',
      ...(param === undefined ? {} : { param }),
    });
  }
  return parsed.data as ControlInput<Name>;
}
