import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { RouteCatalog } from '../route-catalog.js';
import { createNotFound, describeBaseUrlFor } from './not-found.js';

type BaseUrlRequest = Parameters<typeof describeBaseUrlFor>[0];

const requestTo = (host: string | undefined, socket: { localAddress?: string; localPort?: number } = {}, protocol = 'http') =>
  ({ protocol, headers: host === undefined ? {} : { host }, socket }) as unknown as BaseUrlRequest;

describe('describeBaseUrlFor', () => {
  it('is the address the request came to, as its Host said', () => {
    expect(describeBaseUrlFor(requestTo('127.0.0.1:9000', { localAddress: '127.0.0.1', localPort: 8045 }))).toBe('http://127.0.0.1:9000/v1');
    expect(describeBaseUrlFor(requestTo('gateway.lan:8045', {}, 'https'))).toBe('https://gateway.lan:8045/v1');
  });

  it("falls back to the socket's own address without a Host (HTTP/1.0), bracketing IPv6", () => {
    expect(describeBaseUrlFor(requestTo(undefined, { localAddress: '192.168.1.5', localPort: 8045 }))).toBe('http://192.168.1.5:8045/v1');
    expect(describeBaseUrlFor(requestTo('', { localAddress: '::ffff:127.0.0.1', localPort: 8045 }))).toBe('http://127.0.0.1:8045/v1');
    expect(describeBaseUrlFor(requestTo(undefined, { localAddress: '::1', localPort: 8045 }))).toBe('http://[::1]:8045/v1');
    // Only the IPv4-mapped prefix is dropped, not the same letters inside another IPv6 address.
    expect(describeBaseUrlFor(requestTo(undefined, { localAddress: 'fe80::ffff:1', localPort: 8045 }))).toBe('http://[fe80::ffff:1]:8045/v1');
    expect(describeBaseUrlFor(requestTo(undefined, {}))).toBe('http://127.0.0.1:/v1');
  });
});

describe('createNotFound', () => {
  const catalog = new RouteCatalog();
  catalog.add('POST', '/v1/chat/completions');
  catalog.add('GET', '/v1/models');

  const run = (routes: RouteCatalog, method: string, path: string) => {
    const next = vi.fn();
    const request = { method, path, protocol: 'http', headers: { host: '127.0.0.1:8045' }, socket: {} } as unknown as Request;
    createNotFound(routes)(request, {} as Response, next);
    expect(next).toHaveBeenCalledTimes(1);
    return next.mock.calls[0]?.[0] as unknown;
  };

  it('answers 404 unknown_route naming the route the client most likely meant and its base URL', () => {
    expect(run(catalog, 'POST', '/v1/v1/chat/completions')).toMatchObject({
      kind: 'not_found',
      status: 404,
      code: 'unknown_route',
      message:
        'No route for POST /v1/v1/chat/completions. Did you mean POST /v1/chat/completions? The base URL must end in /v1 (here http://127.0.0.1:8045/v1); do not add the endpoint path to it yourself.',
    });
  });

  it('suggests nothing when the gateway has no route to suggest', () => {
    expect(run(new RouteCatalog(), 'GET', '/nothing')).toMatchObject({
      status: 404,
      message: 'No route for GET /nothing. The base URL must end in /v1 (here http://127.0.0.1:8045/v1); do not add the endpoint path to it yourself.',
    });
  });
});
