/**
 * The undici dispatcher every upstream call goes through: a keep-alive pool sized for about a
 * thousand concurrent streams, optionally through an http(s) or SOCKS5 egress proxy
 * (ANCHOR-ANTIGRAVITY-MANAGER.md §8.2 and §9.8: one pooled client per proxy).
 *
 * Timeouts for headers and body are left to the caller per request (cloud-code-client.ts runs
 * its own idle timer); the pool only bounds connecting.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { SocksClient } from 'socks';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { GatewayError } from '../errors/gateway-error.js';

export interface UpstreamDispatcherOptions {
  /** `http://`, `https://`, `socks5://` or `socks5h://` (credentials in the URL); none = direct. */
  proxyUrl?: string;
  /** Time allowed for TCP + proxy handshake + TLS. Default 20 s. */
  connectTimeoutMs?: number;
}

export interface DispatcherCache {
  get(proxyUrl: string | undefined): Dispatcher;
  closeAll(): Promise<void>;
}

const defaultConnectTimeoutMs = 20_000;

// With pipelining 1 every open stream holds one connection, so the per-origin cap is the
// number of concurrent streams we want to carry.
const poolOptions = {
  connections: 1024,
  pipelining: 1,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 60_000,
} as const;

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

type ConnectOptions = Parameters<Extract<NonNullable<Agent.Options['connect']>, (...args: never[]) => unknown>>[0];
type ConnectCallback = Parameters<Extract<NonNullable<Agent.Options['connect']>, (...args: never[]) => unknown>>[1];

/** An undici `connect` that opens the TCP stream through a SOCKS5 proxy, then TLS when the origin is https. */
function createSocksConnector(proxy: URL, connectTimeoutMs: number) {
  const resolveRemotely = proxy.protocol === 'socks5h:';
  const proxyPort = proxy.port === '' ? 1080 : Number(proxy.port);
  const userId = proxy.username === '' ? undefined : decodeURIComponent(proxy.username);
  const password = proxy.password === '' ? undefined : decodeURIComponent(proxy.password);
  // URL keeps IPv6 literals in brackets; the socket APIs want them bare.
  const proxyHost = proxy.hostname.replace(/^\[(.*)\]$/, '$1');

  async function open(options: ConnectOptions): Promise<Socket> {
    const hostname = options.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = options.port === '' ? defaultPort(options.protocol) : Number(options.port);
    // socks5 resolves names locally; socks5h lets the proxy resolve them (no local DNS leak).
    const host = resolveRemotely || isIP(hostname) !== 0 ? hostname : (await lookup(hostname)).address;
    const { socket } = await SocksClient.createConnection({
      command: 'connect',
      destination: { host, port },
      proxy: { host: proxyHost, port: proxyPort, type: 5, ...(userId === undefined ? {} : { userId }), ...(password === undefined ? {} : { password }) },
      timeout: connectTimeoutMs,
    });
    socket.setKeepAlive(true, 60_000);
    socket.setNoDelay(true);
    if (options.protocol !== 'https:') return socket;

    return await new Promise<Socket>((resolve, reject) => {
      const servername = options.servername ?? (isIP(hostname) === 0 ? hostname : undefined);
      const tlsSocket = connectTls({
        socket,
        ...(servername === undefined ? {} : { servername }),
        ALPNProtocols: ['http/1.1'],
      });
      const timer = setTimeout(() => {
        tlsSocket.destroy(new Error(`TLS handshake through the SOCKS proxy timed out after ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      tlsSocket.once('error', onError);
      tlsSocket.once('secureConnect', () => {
        clearTimeout(timer);
        tlsSocket.off('error', onError);
        resolve(tlsSocket);
      });
    });
  }

  return (options: ConnectOptions, callback: ConnectCallback): void => {
    open(options).then(
      (socket) => callback(null, socket),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

export function createUpstreamDispatcher(options: UpstreamDispatcherOptions): Dispatcher {
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const proxyUrl = options.proxyUrl?.trim() ?? '';
  if (proxyUrl === '') {
    return new Agent({
      ...poolOptions,
      connect: { timeout: connectTimeoutMs, keepAlive: true, keepAliveInitialDelay: 60_000 },
    });
  }

  let proxy: URL;
  try {
    proxy = new URL(proxyUrl);
  } catch {
    // Never echo the URL: it may carry proxy credentials.
    throw new GatewayError('upstream', 'The upstream proxy URL is not a valid URL');
  }
  switch (proxy.protocol) {
    case 'http:':
    case 'https:':
      return new ProxyAgent({
        ...poolOptions,
        uri: proxy.href,
        proxyTls: { timeout: connectTimeoutMs },
        requestTls: { timeout: connectTimeoutMs },
      });
    case 'socks5:':
    case 'socks5h:':
      return new Agent({ ...poolOptions, connect: createSocksConnector(proxy, connectTimeoutMs) });
    default:
      throw new GatewayError('upstream', `Unsupported upstream proxy scheme "${proxy.protocol}" (use http, https, socks5 or socks5h)`);
  }
}

/** One pooled dispatcher per distinct proxy URL (and one for direct connections). */
export function createDispatcherCache(options: { connectTimeoutMs?: number } = {}): DispatcherCache {
  const dispatchers = new Map<string, Dispatcher>();
  return {
    get(proxyUrl) {
      const key = proxyUrl?.trim() ?? '';
      let dispatcher = dispatchers.get(key);
      if (dispatcher === undefined) {
        dispatcher = createUpstreamDispatcher({
          ...(key === '' ? {} : { proxyUrl: key }),
          ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
        });
        dispatchers.set(key, dispatcher);
      }
      return dispatcher;
    },
    async closeAll() {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((dispatcher) => dispatcher.close()));
    },
  };
}
