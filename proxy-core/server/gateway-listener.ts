/**
 * The gateway's listener and its serving flag, kept apart on purpose: "stopped" means the AI
 * routes refuse with 503 while the admin API and the web console stay reachable on the same
 * listener (the console must survive Stop). The desktop may also close the listener on Stop.
 *
 * Moving the listener (a port or LAN change) never leaves the user with nothing: a new port is
 * bound before the old one is let go; the same port on another interface is released first and
 * taken back if the new address fails. Requests in flight on the old socket (including the one
 * that asked for the move) finish there.
 */
import type { RequestListener } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayStatus } from '../control/gateway.js';
import type { Logger } from '../logging/logger.js';
import { describeListenError } from './describe-listen-error.js';
import { listenHttp, type ListenerLimits, type ListeningServer, type UpgradeListener } from './listen-http.js';

export interface BindAddress {
  host: string;
  port: number;
}

export interface GatewayListenerOptions {
  handler: RequestListener;
  /** WebSocket upgrades (the Responses WebSocket); refused when absent. */
  onUpgrade?: UpgradeListener;
  /** Where to listen now; throws a GatewayError when the settings forbid it (LAN without a key). */
  resolveAddress(): BindAddress;
  logger: Logger;
  /** For the log line: the auth mode in force. */
  describeAuth(): string;
  /** How long a moved-away listener lets its requests finish; default 30 s. */
  retireDrainMs?: number;
  /** Time limits for receiving a request (listen-http.ts); default there. */
  limits?: ListenerLimits;
}

export interface GatewayListener {
  status(): GatewayStatus;
  /** Binds when not bound, then serves. Throws (and keeps the error in the status) when binding fails. */
  start(): Promise<GatewayStatus>;
  /** Stops serving and closes the listener, letting requests in flight finish for up to `drainMs`. */
  stop(options?: { drainMs?: number }): Promise<void>;
  /** Serving on or off without touching the listener. */
  setServing(serving: boolean): void;
  /**
   * Follows a changed address (settings): a no-op when not listening or unchanged. When the new
   * address cannot be bound the old listener keeps serving, the error stays in the status, and this throws.
   */
  move(): Promise<GatewayStatus>;
  /** Close and bind the same address again (restart). */
  restart(): Promise<GatewayStatus>;
  onChange(listener: (status: GatewayStatus) => void): () => void;
}

export function createGatewayListener(options: GatewayListenerOptions): GatewayListener {
  const { logger } = options;
  const retireDrainMs = options.retireDrainMs ?? 30_000;
  let server: ListeningServer | undefined;
  let serving = false;
  let lastError: string | undefined;
  const retiring = new Set<Promise<void>>();
  const retiringServers = new Set<ListeningServer>();
  const listeners = new Set<(status: GatewayStatus) => void>();

  const status = (): GatewayStatus => {
    const error = lastError === undefined ? {} : { error: lastError };
    if (server === undefined) return { running: false, serving: false, ...error };
    const shownHost = server.host === '0.0.0.0' || server.host === '::' ? '127.0.0.1' : server.host;
    return { running: true, serving, host: server.host, port: server.port, baseUrl: `http://${shownHost}:${server.port}/v1`, ...error };
  };

  const changed = () => {
    const current = status();
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (error) {
        logger.warn(`A status listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  async function bind(address: BindAddress): Promise<ListeningServer> {
    try {
      return await listenHttp(options.handler, address.host, address.port, options.onUpgrade, options.limits);
    } catch (error) {
      throw describeListenError(error, address.host, address.port);
    }
  }

  /** Let go of the port now; the requests still running on it finish in the background. */
  function retire(old: ListeningServer, drainMs = retireDrainMs): void {
    retiringServers.add(old);
    const closing = old
      .close({ drainMs })
      .catch((error: unknown) => logger.warn(`Closing the old listener failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        retiring.delete(closing);
        retiringServers.delete(old);
      });
    retiring.add(closing);
  }

  /** The address to bind; "any free port" (0, a test or CLI choice) keeps the port already held, so a move or restart does not wander. */
  function target(): BindAddress {
    const address = options.resolveAddress();
    return address.port === 0 && server !== undefined ? { ...address, port: server.port } : address;
  }

  function fail(error: unknown): never {
    const gatewayError = error instanceof GatewayError ? error : describeListenError(error, '?', 0);
    lastError = gatewayError.message;
    changed();
    throw gatewayError;
  }

  function announce(): void {
    if (server !== undefined) logger.info(`Skyport listening on http://${server.host}:${server.port} (auth: ${options.describeAuth()})`);
  }

  return {
    status,

    async start() {
      if (server === undefined) {
        try {
          server = await bind(options.resolveAddress());
        } catch (error) {
          serving = false;
          fail(error);
        }
        announce();
      }
      serving = true;
      lastError = undefined;
      changed();
      return status();
    },

    async stop(stopOptions = {}) {
      const running = server;
      server = undefined;
      serving = false;
      lastError = undefined;
      changed();
      // Those already moving away are cut at the same deadline.
      for (const old of retiringServers) void old.close({ drainMs: stopOptions.drainMs ?? 0 }).catch(() => undefined);
      await Promise.all([running?.close(stopOptions), ...retiring]);
    },

    setServing(next) {
      if (next === serving || server === undefined) {
        if (server === undefined && next) throw new GatewayError('internal', 'The listener is not bound; start the gateway instead');
        return;
      }
      serving = next;
      logger.info(next ? 'Skyport is serving again' : 'Skyport stopped serving (AI routes answer 503; the admin API stays up)');
      changed();
    },

    async move() {
      const old = server;
      if (old === undefined) return status();
      let next: BindAddress;
      try {
        next = target();
      } catch (error) {
        fail(error);
      }
      if (old.host === next.host && old.port === next.port) return status();
      if (old.port !== next.port) {
        try {
          server = await bind(next);
        } catch (error) {
          fail(error);
        }
        retire(old);
      } else {
        await rebindSamePort(old, next);
      }
      lastError = undefined;
      announce();
      changed();
      return status();
    },

    async restart() {
      const old = server;
      if (old === undefined) return this.start();
      let next: BindAddress;
      try {
        next = target();
      } catch (error) {
        fail(error);
      }
      await rebindSamePort(old, next);
      serving = true;
      lastError = undefined;
      announce();
      changed();
      return status();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  /** `old` holds the port: release it, then bind `target`; if that fails, take the old address back and report the failure. */
  async function rebindSamePort(old: ListeningServer, target: BindAddress): Promise<void> {
    retire(old);
    server = undefined;
    try {
      server = await bind(target);
    } catch (error) {
      server = await bind({ host: old.host, port: old.port }).catch(() => undefined);
      if (server === undefined) serving = false;
      fail(error);
    }
  }
}
