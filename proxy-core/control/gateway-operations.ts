/**
 * Start, stop, restart and status. Stop turns serving off and keeps the listener, so the web
 * console that pressed Stop can press Start again; the desktop, which talks over IPC, may close
 * the listener too (`closeListenerOnStop`).
 */
import type { Gateway } from './gateway.js';
import type { Logger } from '../logging/logger.js';
import type { ControlHandlers } from './control-handlers.js';
import { describeGatewayStatus } from './describe-gateway-status.js';
import type { NetworkInterfaces } from './find-lan-address.js';

type ListenerGateway = Pick<Gateway, 'status' | 'listenOverride' | 'settings' | 'accountStore' | 'version' | 'start' | 'stop' | 'setServing' | 'restart'>;

export interface GatewayOperationsOptions {
  closeListenerOnStop: boolean;
  /** How long requests in flight may finish when Stop closes the listener. */
  stopDrainMs: number;
  networkInterfaces?: NetworkInterfaces;
  logger?: Pick<Logger, 'warn'>;
}

export function createGatewayOperations(
  gateway: ListenerGateway,
  options: GatewayOperationsOptions,
): Pick<ControlHandlers, 'getStatus' | 'startGateway' | 'stopGateway' | 'restartGateway'> {
  const describe = () => describeGatewayStatus(gateway, options.networkInterfaces);
  return {
    async getStatus() {
      return describe();
    },

    async startGateway() {
      if (gateway.status().running) gateway.setServing(true);
      else await gateway.start();
      return describe();
    },

    async stopGateway() {
      if (!gateway.status().running) return describe();
      if (!options.closeListenerOnStop) {
        gateway.setServing(false);
        return describe();
      }
      // Not awaited: the request asking for the stop may be one of those draining (the web
      // console of a desktop app); the listener is already closed to new connections.
      gateway.stop({ drainMs: options.stopDrainMs }).catch((error: unknown) => {
        options.logger?.warn(`Stopping the listener failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      return describe();
    },

    async restartGateway() {
      if (gateway.status().running) await gateway.restart();
      else await gateway.start();
      return describe();
    },
  };
}
