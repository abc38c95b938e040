/** Unknown route: a JSON 404 that names the route the client most likely meant. */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { findClosestRoute, type RouteCatalog } from '../route-catalog.js';

/**
 * The base URL this client should use: the address its own request came to (the Host guard ran
 * before this, so the header is one the gateway accepts), not the default port, which may not be
 * where this gateway listens (`serve --port`, a changed setting).
 */
export function describeBaseUrlFor(request: Pick<Request, 'protocol' | 'headers' | 'socket'>): string {
  const host = request.headers.host;
  if (host !== undefined && host !== '') return `${request.protocol}://${host}/v1`;
  // HTTP/1.0 without Host: the socket's own address.
  const address = (request.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `${request.protocol}://${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort ?? ''}/v1`;
}

export function createNotFound(catalog: RouteCatalog) {
  return function notFound(request: Request, _response: Response, next: NextFunction): void {
    const closest = findClosestRoute(catalog.list(), request.method, request.path);
    const suggestion = closest === undefined ? '' : ` Did you mean ${closest.method} ${closest.path}?`;
    next(
      new GatewayError(
        'not_found',
        `No route for ${request.method} ${request.path}.${suggestion} The base URL must end in /v1 (here ${describeBaseUrlFor(request)}); do not add the endpoint path to it yourself.`,
        { code: 'unknown_route' },
      ),
    );
  };
}
