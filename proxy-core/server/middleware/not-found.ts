/** Unknown route: a JSON 404 that names the route the client most likely meant. */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import { findClosestRoute, type RouteCatalog } from '../route-catalog.js';

export function createNotFound(catalog: RouteCatalog) {
  return function notFound(request: Request, _response: Response, next: NextFunction): void {
    const closest = findClosestRoute(catalog.list(), request.method, request.path);
    const suggestion = closest === undefined ? '' : ` Did you mean ${closest.method} ${closest.path}?`;
    next(
      new GatewayError(
        'not_found',
        `No route for ${request.method} ${request.path}.${suggestion} The base URL must end in /v1 (for example http://127.0.0.1:8045/v1); do not add the endpoint path to it yourself.`,
        { code: 'unknown_route' },
      ),
    );
  };
}
