/**
 * Tells whether the gateway answers, from every ControlApi call the pages make anyway: a call that
 * got any answer (even a refusal) reached it; one that could not connect did not. The web console
 * uses this to say "not reachable" instead of showing the last data as if it were current. Over
 * IPC the gateway lives in the same app, so the desktop bridge is passed through unchanged.
 */
import { BridgeError } from './bridge-error.js';
import type { Bridge, ControlApi } from './bridge-types.js';

export function watchBridgeReachability(bridge: Bridge, onResult: (reachable: boolean) => void): Bridge {
  if (bridge.kind !== 'http') return bridge;
  const api = Object.fromEntries(
    Object.entries(bridge.api).map(([name, operation]) => [
      name,
      async (input: unknown) => {
        try {
          const output: unknown = await (operation as (input: unknown) => Promise<unknown>)(input);
          onResult(true);
          return output;
        } catch (error) {
          onResult(!(error instanceof BridgeError && error.kind === 'network'));
          throw error;
        }
      },
    ]),
  ) as unknown as ControlApi;
  return { ...bridge, api, subscribe: bridge.subscribe, exportLogsCsv: bridge.exportLogsCsv };
}
