/**
 * The AI routes' usual request, answered without Express: a POST to an exact route path with a
 * plain JSON body (what every SDK sends). It runs the same checks, in the same order, as the
 * Express chain in create-app.ts (request record, body capture, Host, origin, API key, serving,
 * body limits) through the same functions, so both give the same answers; it only skips the
 * router's per-layer matching and Express's request/response decoration, which cost more CPU
 * than a whole proxy hop (bench/README.md). Anything else returns false and goes to Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Settings } from '../config/settings-schema.js';
import type { AiRouteTable } from './ai-route-table.js';
import type { ApiKeyGuard } from '../keys/api-key-guard.js';
import { authenticateRequest } from './middleware/auth.js';
import type { CredentialFailureLimiter } from './middleware/credential-failure-limiter.js';
import { startBodyCapture } from './middleware/capture-bodies.js';
import { applyCorsPolicy } from './middleware/cors-guard.js';
import { answerWithError } from './middleware/error-handler.js';
import { checkHost } from './middleware/host-guard.js';
import { canReadDirectly, readJsonBody } from './middleware/parse-json-body.js';
import { beginRequest, type RequestContextOptions } from './middleware/request-context.js';
import { checkServing } from './middleware/serving-guard.js';

export interface AiFastPathOptions {
  routes: AiRouteTable;
  requestContext: RequestContextOptions;
  settings: () => Settings;
  credentialFailures?: CredentialFailureLimiter;
  apiKeys?: ApiKeyGuard;
  /** Absent = always serving. */
  serving?: () => boolean;
  logger: { error(message: string): void };
}

/** Returns a listener that answers the request and says true, or says false and leaves it alone. */
export function createAiFastPath(options: AiFastPathOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
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

    const hostRefusal = checkHost(request.headers.host, proxy.allowed_hosts);
    // Only an OPTIONS request is a preflight, and those go to Express.
    const cors = hostRefusal === undefined ? applyCorsPolicy(request, response, proxy.cors_origins) : undefined;
    let refusal = hostRefusal ?? (cors === 'preflight' ? undefined : cors);
    if (refusal === undefined) {
      const auth = authenticateRequest(
        { method: 'POST', path, headers: request.headers, keyInQuery: searchParams.has('key'), clientAddress: request.socket.remoteAddress },
        proxy,
        { failures: options.credentialFailures, keys: options.apiKeys },
      );
      if (auth.key !== undefined) state.clientKey = auth.key;
      refusal = auth.refusal ?? checkServing(path, options.serving?.() ?? true);
    }
    if (refusal !== undefined) {
      fail(refusal);
      return true;
    }
    readJsonBody(request, proxy.max_body_mb * 1024 * 1024, (error, parsed) => {
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
