import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect as connectTcp, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { listenForTest } from '../../tests/support/listen-for-test.js';
import { createDispatcherCache, createUpstreamDispatcher } from './create-upstream-dispatcher.js';
import { dispatchUpstreamRequest } from './dispatch-upstream-request.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function portOf(server: HttpServer | TcpServer): number {
  return (server.address() as AddressInfo).port;
}

function listen<T extends HttpServer | TcpServer>(server: T, host?: string): Promise<T> {
  return listenForTest(server, (cleanup) => cleanups.push(cleanup), host);
}

/** The origin every test reaches: echoes the path and the Host header. */
async function startTarget(host = '127.0.0.1'): Promise<HttpServer> {
  return listen(
    createHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url, host: req.headers.host }));
    }),
    host,
  );
}

/** A minimal HTTP proxy that only tunnels (CONNECT), recording what it was asked. */
async function startConnectProxy(): Promise<{ server: HttpServer; connects: Array<{ target: string; auth?: string }> }> {
  const connects: Array<{ target: string; auth?: string }> = [];
  const server = createHttpServer((_req, res) => {
    res.statusCode = 405;
    res.end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push({ target, ...(req.headers['proxy-authorization'] === undefined ? {} : { auth: req.headers['proxy-authorization'] }) });
    const [host, port] = target.split(':');
    const upstream = connectTcp(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { server: await listen(server), connects };
}

/** A minimal SOCKS5 server (RFC 1928): no authentication, CONNECT only. */
async function startSocks5Server(): Promise<{ server: TcpServer; requests: Array<{ host: string; port: number }> }> {
  const requests: Array<{ host: string; port: number }> = [];
  const server = createTcpServer((client) => {
    let buffer = Buffer.alloc(0);
    let stage: 'greeting' | 'request' | 'piping' = 'greeting';
    client.on('error', () => undefined);
    const onData = (data: Buffer): void => {
      buffer = Buffer.concat([buffer, data]);
      if (stage === 'greeting') {
        if (buffer.length < 2 || buffer.length < 2 + (buffer[1] ?? 0)) return;
        buffer = buffer.subarray(2 + (buffer[1] ?? 0));
        client.write(Buffer.from([0x05, 0x00]));
        stage = 'request';
      }
      if (stage === 'request') {
        if (buffer.length < 5) return;
        const type = buffer[3];
        const addressLength = type === 0x01 ? 4 : type === 0x04 ? 16 : 1 + (buffer[4] ?? 0);
        if (buffer.length < 4 + addressLength + 2) return;
        const address = buffer.subarray(4, 4 + addressLength);
        const host =
          type === 0x01
            ? [...address].join('.')
            : type === 0x04
              ? (address.toString('hex').match(/.{4}/g) ?? []).join(':')
              : address.subarray(1).toString('utf8');
        const port = buffer.readUInt16BE(4 + addressLength);
        const rest = buffer.subarray(4 + addressLength + 2);
        requests.push({ host, port });
        stage = 'piping';
        client.off('data', onData);
        const upstream = connectTcp(port, host, () => {
          client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
          if (rest.length > 0) upstream.write(rest);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => {
          client.end(Buffer.from([0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
        });
      }
    };
    client.on('data', onData);
  });
  return { server: await listen(server), requests };
}

/** A GET sent the way the gateway sends its upstream calls (dispatch-upstream-request.ts). */
async function getJson(url: string, dispatcher: ReturnType<typeof createUpstreamDispatcher>): Promise<unknown> {
  const { origin, pathname } = new URL(url);
  const response = await dispatchUpstreamRequest(dispatcher, { origin, path: pathname, method: 'GET' });
  expect(response.statusCode).toBe(200);
  let text = '';
  for (let step = await response.body.next(); step.done !== true; step = await response.body.next()) text += step.value.toString('utf8');
  const body: unknown = JSON.parse(text);
  // Let undici see the response complete and park the connection before the next request.
  await new Promise((resolve) => setImmediate(resolve));
  return body;
}

describe('createUpstreamDispatcher', () => {
  it('connects directly without a proxy, reusing the keep-alive connection', async () => {
    const target = await startTarget();
    let connections = 0;
    target.on('connection', () => (connections += 1));
    const dispatcher = createUpstreamDispatcher({});
    cleanups.push(() => dispatcher.close());
    const url = `http://127.0.0.1:${portOf(target)}/v1internal:loadCodeAssist`;
    expect(await getJson(url, dispatcher)).toMatchObject({ path: '/v1internal:loadCodeAssist' });
    expect(await getJson(url, dispatcher)).toMatchObject({ path: '/v1internal:loadCodeAssist' });
    expect(connections).toBe(1);
  });

  it('tunnels through an http:// proxy with CONNECT, sending URL credentials as Proxy-Authorization', async () => {
    const target = await startTarget();
    const proxy = await startConnectProxy();
    const dispatcher = createUpstreamDispatcher({ proxyUrl: `http://user:p%40ss@127.0.0.1:${portOf(proxy.server)}` });
    cleanups.push(() => dispatcher.close());
    const body = await getJson(`http://127.0.0.1:${portOf(target)}/through-proxy`, dispatcher);
    expect(body).toMatchObject({ path: '/through-proxy' });
    expect(proxy.connects).toEqual([
      { target: `127.0.0.1:${portOf(target)}`, auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}` },
    ]);
  });

  it('connects through a socks5:// proxy, resolving the name locally', async () => {
    const target = await startTarget('localhost');
    const socks = await startSocks5Server();
    const dispatcher = createUpstreamDispatcher({ proxyUrl: `socks5://127.0.0.1:${portOf(socks.server)}` });
    cleanups.push(() => dispatcher.close());
    const body = await getJson(`http://localhost:${portOf(target)}/via-socks`, dispatcher);
    expect(body).toMatchObject({ path: '/via-socks', host: `localhost:${portOf(target)}` });
    expect(socks.requests).toHaveLength(1);
    expect(socks.requests[0]?.host).not.toBe('localhost');
    expect(socks.requests[0]?.port).toBe(portOf(target));
  });

  it('lets a socks5h:// proxy resolve the name, and reuses the tunnel for the next request', async () => {
    const target = await startTarget('localhost');
    const socks = await startSocks5Server();
    const dispatcher = createUpstreamDispatcher({ proxyUrl: `socks5h://127.0.0.1:${portOf(socks.server)}` });
    cleanups.push(() => dispatcher.close());
    const url = `http://localhost:${portOf(target)}/remote-dns`;
    expect(await getJson(url, dispatcher)).toMatchObject({ path: '/remote-dns' });
    expect(await getJson(url, dispatcher)).toMatchObject({ path: '/remote-dns' });
    expect(socks.requests).toEqual([{ host: 'localhost', port: portOf(target) }]);
  });

  it('speaks TLS (with SNI) to https origins through the socks tunnel', async () => {
    // A self-signed certificate: the handshake happening and being checked is what this proves.
    const servernames: string[] = [];
    const tlsServer = createTlsServer({
      cert: readFileSync(new URL('./__fixtures__/tls/localhost-cert.pem', import.meta.url)),
      key: readFileSync(new URL('./__fixtures__/tls/localhost-key.pem', import.meta.url)),
      SNICallback: (servername, callback) => {
        servernames.push(servername);
        callback(null, undefined);
      },
    });
    tlsServer.on('tlsClientError', () => undefined);
    await listen(tlsServer as unknown as TcpServer, 'localhost');
    const socks = await startSocks5Server();
    const dispatcher = createUpstreamDispatcher({ proxyUrl: `socks5h://127.0.0.1:${portOf(socks.server)}` });
    cleanups.push(() => dispatcher.destroy());
    const error: unknown = await request(`https://localhost:${portOf(tlsServer as unknown as TcpServer)}/`, { dispatcher }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as { code?: string }).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(servernames).toEqual(['localhost']);
  });

  it('fails with a refused socks connection as a network error', async () => {
    const closed = await listen(createTcpServer());
    const port = portOf(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dispatcher = createUpstreamDispatcher({ proxyUrl: `socks5://127.0.0.1:${port}`, connectTimeoutMs: 2000 });
    cleanups.push(() => dispatcher.destroy());
    await expect(request('http://127.0.0.1:9/', { dispatcher })).rejects.toThrow();
  });

  it('rejects unsupported or malformed proxy URLs without echoing credentials', () => {
    expect(() => createUpstreamDispatcher({ proxyUrl: 'ftp://user:secret@proxy:21' })).toThrow(GatewayError);
    expect(() => createUpstreamDispatcher({ proxyUrl: 'ftp://user:secret@proxy:21' })).not.toThrow(/secret/);
    expect(() => createUpstreamDispatcher({ proxyUrl: 'not a url' })).toThrow(GatewayError);
  });
});

describe('createDispatcherCache', () => {
  it('keeps one dispatcher per distinct proxy and treats empty as direct', async () => {
    const cache = createDispatcherCache();
    const direct = cache.get(undefined);
    expect(cache.get('')).toBe(direct);
    expect(cache.get('  ')).toBe(direct);
    const proxied = cache.get('http://127.0.0.1:3128');
    expect(cache.get('http://127.0.0.1:3128')).toBe(proxied);
    expect(proxied).not.toBe(direct);
    expect(cache.get('socks5h://127.0.0.1:1080')).not.toBe(proxied);
    await cache.closeAll();
    expect(cache.get(undefined)).not.toBe(direct);
    await cache.closeAll();
  });
});
