/**
 * Bind the app and close it gracefully: stop accepting, let in-flight requests (streams
 * included) finish up to a deadline, then cut what is left.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Duplex } from 'node:stream';

/** The server's `upgrade` listener (the Responses WebSocket); without one, upgrades are refused. */
export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface ListeningServer {
  readonly host: string;
  readonly port: number;
  readonly inFlight: number;
  close(options?: { drainMs?: number }): Promise<void>;
}

/**
 * How long a client may take to send a request (slowloris: a client that trickles its headers or
 * body holds a connection for free). The clock stops once the request has arrived, so a long
 * streamed answer is never cut by these.
 */
export interface ListenerLimits {
  /** All headers within this long after the request starts; default 20 s. */
  headersTimeoutMs: number;
  /** Headers and the whole body within this long; default 5 min (a 50 MiB upload on a slow link). */
  requestTimeoutMs: number;
  /** How often Node checks those deadlines; default 5 s (Node's 30 s would let a deadline slip by that much). */
  checkIntervalMs: number;
}

export const defaultListenerLimits: ListenerLimits = { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, checkIntervalMs: 5_000 };

export async function listenHttp(
  handler: RequestListener,
  host: string,
  port: number,
  onUpgrade?: UpgradeListener,
  limits: ListenerLimits = defaultListenerLimits,
): Promise<ListeningServer> {
  const server: Server = createServer(
    {
      keepAliveTimeout: 65_000,
      // Node wants headersTimeout <= requestTimeout.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  );
  if (onUpgrade !== undefined) server.on('upgrade', onUpgrade);
  server.maxHeadersCount = 200;
  let inFlight = 0;
  server.on('request', (_request, response) => {
    inFlight += 1;
    response.on('close', () => {
      inFlight -= 1;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    get inFlight() {
      return inFlight;
    },
    async close(options = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + (options.drainMs ?? 30_000);
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
