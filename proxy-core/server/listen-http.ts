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

export async function listenHttp(handler: RequestListener, host: string, port: number, onUpgrade?: UpgradeListener): Promise<ListeningServer> {
  const server: Server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, headersTimeout: 60_000 }, handler);
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
