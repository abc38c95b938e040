/**
 * While the gateway is stopped the AI routes answer 503 in their own protocol's shape; health
 * checks and the web console keep answering (the admin API is mounted before this guard), so a
 * user who pressed Stop in the console can press Start again.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import { isConsolePath } from '../../util/is-console-path.js';

const alwaysOpenPaths = new Set(['/', '/health', '/healthz']);

export const stoppedMessage = 'Skyport is stopped; start it from the app or the console';

function isAlwaysOpen(path: string): boolean {
  return alwaysOpenPaths.has(path) || isConsolePath(path);
}

/** The 503 for an AI route while stopped, or undefined to go on. */
export function checkServing(path: string, serving: boolean): GatewayError | undefined {
  if (serving || isAlwaysOpen(path)) return undefined;
  return new GatewayError('overloaded', stoppedMessage, { status: 503, code: 'gateway_stopped' });
}
