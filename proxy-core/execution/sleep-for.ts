import { GatewayError } from '../errors/gateway-error.js';
import type { AbortSignalLike } from '../util/light-abort-controller.js';

/** Wait `ms`, or stop early with an error when the client goes away. */
export function sleepFor(ms: number, signal: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new GatewayError('invalid_request', 'The client closed the request.'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GatewayError('invalid_request', 'The client closed the request.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
