/**
 * The AI routes (POST, JSON body), written once against plain node request/response objects and
 * served two ways: registered on the Express router like any route, and looked up by
 * `ai-fast-path.ts`, which answers the usual request without Express's per-request work.
 * A path is a literal or ends in one `:param` segment (`/v1beta/models/:modelAndMethod`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from 'express';
import type { RouteEntry } from '../control/gateway.js';
import type { RouteCatalog } from './route-catalog.js';

export interface AiExchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** The parsed JSON body. */
  body: unknown;
  params: Readonly<Record<string, string>>;
  searchParams: URLSearchParams;
}

export type AiRouteHandler = (exchange: AiExchange) => Promise<void>;

export interface AiRouteMatch {
  handle: AiRouteHandler;
  params: Record<string, string>;
}

interface ParamRoute {
  prefix: string;
  param: string;
  handle: AiRouteHandler;
}

export function searchParamsOf(url: string | undefined): URLSearchParams {
  const query = url === undefined ? -1 : url.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : (url as string).slice(query + 1));
}

export class AiRouteTable {
  private readonly literal = new Map<string, AiRouteHandler>();
  private readonly withParam: ParamRoute[] = [];

  constructor(
    private readonly router: Router,
    private readonly catalog: RouteCatalog,
  ) {}

  /** Serves POST `path`; the 404 hints list `catalogPaths` (the path itself by default). */
  post(path: string, handle: AiRouteHandler, catalogPaths: readonly string[] = [path]): void {
    const colon = path.lastIndexOf('/:');
    if (colon === -1) {
      this.literal.set(path, handle);
    } else {
      const param = path.slice(colon + 2);
      if (!/^\w+$/.test(param)) throw new Error(`AI route ${path}: only one trailing :param segment is supported`);
      this.withParam.push({ prefix: path.slice(0, colon + 1), param, handle });
    }
    this.router.post(path, (request, response) =>
      handle({ request, response, body: request.body as unknown, params: request.params as Record<string, string>, searchParams: searchParamsOf(request.url) }),
    );
    for (const entry of catalogPaths) this.catalog.add('POST' satisfies RouteEntry['method'], entry);
  }

  /**
   * The route for an exact, case-sensitive path. Anything else (other case, a trailing slash, a
   * parameter that does not decode) is left to Express, which matches as it always has.
   */
  match(path: string): AiRouteMatch | undefined {
    const handle = this.literal.get(path);
    if (handle !== undefined) return { handle, params: {} };
    for (const route of this.withParam) {
      if (!path.startsWith(route.prefix) || path.length === route.prefix.length || path.indexOf('/', route.prefix.length) !== -1) continue;
      try {
        return { handle: route.handle, params: { [route.param]: decodeURIComponent(path.slice(route.prefix.length)) } };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}
