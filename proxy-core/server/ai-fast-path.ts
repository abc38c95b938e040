/**
 * The AI routes' usual request, answered without Express: a POST to an exact route path with a
 * plain JSON body (what every SDK sends). It keeps the same request record and body capture as
 * the Express chain in create-app.ts and runs the same guards (middleware/ai-guard-chain.ts: Host,
 * origin, API key and its rules, serving, body limit), so both give the same answers; it only
 * skips the router's per-layer matching and Express's request/response decoration, which cost
 * more CPU than a whole proxy hop (bench/README.md). Anything else returns false and goes to Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Settings } from '../config/settings-schema.js';
import type { AiRouteTable } from './ai-route-table.js';
import type { AiGuardChain } from './middleware/ai-guard-chain.js';
import { startBodyCapture } from './middleware/capture-bodies.js';
import { answerWithError } from './middleware/error-handler.js';
import { canReadDirectly } from './middleware/parse-json-body.js';
import { beginRequest, type RequestContextOptions } from './middleware/request-context.js';

export interface AiFastPathOptions {
  routes: AiRouteTable;
  requestContext: RequestContextOptions;
  settings: () => Settings;
  guards: AiGuardChain;
  logger: { error(message: string): void };
}

/** Returns a listener that answers the request and says true, or says false and leaves it alone. */
export function createAiFastPath(options: AiFastPathOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { guards } = options;
  return function aiFastPath(request, response) {
    if (request.method !== 'POST') return false;
    const url = request.url ?? '';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const route = options.routes.match(path);
    if (route === undefined || !canReadDirectly(request)) return false;

    const state = beginRequest(request, response, path, options.requestContext);
    const { proxy, monitor } = options.settings();
    let body: unknown;
    startBodyCapture(request, response, state, { enabled: proxy.enable_logging && monitor.capture_bodies, maxBytes: monitor.max_body_kb * 1024 }, () => body);
    const searchParams = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
    const fail = (error: unknown) => answerWithError(response, error, options.logger);

    const refusal = guards.check({
      method: 'POST',
      path,
      headers: request.headers,
      keyInQuery: searchParams.has('key'),
      clientAddress: request.socket.remoteAddress,
      response,
      state,
      countRequest: true,
    });
    // 'answered' is a preflight's, and an OPTIONS request never comes this way.
    if (refusal !== undefined) {
      if (refusal !== 'answered') fail(refusal);
      return true;
    }
    guards.readBody(request, (error, parsed) => {
      if (error !== undefined) {
        fail(error);
        return;
      }
      body = parsed;
      try {
        route.handle({ request, response, body, params: route.params, searchParams }).catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    });
    return true;
  };
}
