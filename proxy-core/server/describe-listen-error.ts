/** Why a listener could not be bound, in words a user can act on (the status line, the tray, the save error). */
import { GatewayError } from '../errors/gateway-error.js';

export function describeListenError(error: unknown, host: string, port: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new GatewayError(
      'invalid_request',
      `Port ${port} is already in use by another program. Choose another port (proxy.port) or quit the program that uses it.`,
      { status: 409, code: 'port_in_use', param: 'proxy.port', cause: error },
    );
  }
  if (code === 'EACCES') {
    return new GatewayError(
      'invalid_request',
      `Skyport is not allowed to listen on port ${port} (ports below 1024 need administrator rights). Choose a port from 1024 to 65535.`,
      { status: 409, code: 'port_not_allowed', param: 'proxy.port', cause: error },
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new GatewayError('invalid_request', `${host} is not an address of this machine, so Skyport cannot listen on it.`, {
      status: 409,
      code: 'address_not_available',
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewayError('internal', `Could not listen on ${host}:${port}: ${detail}`, { code: 'listen_failed', cause: error });
}
