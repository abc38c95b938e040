/**
 * Child process: the baseline. The cheapest honest HTTP pass-through in Node: node:http in front,
 * an undici keep-alive Agent behind, method/path/headers/body forwarded, the response streamed
 * back chunk by chunk. No parsing, no validation, no logging.
 * Env: BENCH_UPSTREAM_ORIGIN (e.g. http://127.0.0.1:PORT).
 */
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { runChild } from './child-ipc.js';

export interface BareProxyInfo extends Record<string, unknown> {
  origin: string;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and the ones undici sets itself.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length']);

function forwardable(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  }
  return out;
}

void runChild(async () => {
  const upstream = process.env.BENCH_UPSTREAM_ORIGIN;
  if (upstream === undefined || upstream === '') throw new Error('BENCH_UPSTREAM_ORIGIN is not set');
  // Same pool shape as the gateway's upstream dispatcher.
  const agent = new Agent({ connections: 1024, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (chunk: Buffer) => pieces.push(chunk));
    request.on('end', () => {
      const body = pieces.length === 0 ? null : pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
      agent
        .stream(
          {
            origin: upstream,
            path: request.url ?? '/',
            method: request.method as 'POST',
            headers: forwardable(request.headers) as Record<string, string>,
            body,
          },
          ({ statusCode, headers }) => {
            response.writeHead(statusCode, forwardable(headers));
            response.flushHeaders();
            return response;
          },
        )
        .catch((error: unknown) => {
          if (!response.headersSent) {
            response.writeHead(502, { 'content-type': 'text/plain' });
            response.end(`bare proxy: ${error instanceof Error ? error.message : String(error)}`);
          } else {
            response.destroy();
          }
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const info: BareProxyInfo = { origin: `http://127.0.0.1:${port}` };
  return {
    info,
    handlers: {},
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
});
