/**
 * Every check a request passes before a route sees it, composed once, in order: Host allow-list,
 * browser origin (CORS), the caller's API key with its per-key rules and the wrong-credential
 * budget, the gateway serving, and the body limit. Three callers run the same guards:
 *
 * - Express (create-app.ts) mounts each group as one middleware, with the routes that need only
 *   the groups before it in between: the console page and the admin API after `site`, the
 *   metrics after `caller`, the AI routes, health and the 404 after `aiRoutes`.
 * - The direct AI path (ai-fast-path.ts) runs every group in one call.
 * - The Responses WebSocket runs every group at its handshake (the key not counted against its
 *   requests per minute: each turn is) and `caller` + `aiRoutes` for each turn.
 *
 * A new guard is added to one group here and reaches all three. A guard reads a plain exchange
 * (no Express decoration) and answers with a refusal, `'answered'` (a CORS preflight it has
 * answered itself) or nothing. The order is written out as plain calls rather than looped over a
 * list: each call site then always calls the same function and V8 can inline it, which keeps the
 * direct path's guards as cheap as the hand-written sequence they replace.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ProxySettings } from '../../config/settings-schema.js';
import type { GatewayError } from '../../errors/gateway-error.js';
import type { ApiKeyGuard } from '../../keys/api-key-guard.js';
import { searchParamsOf } from '../ai-route-table.js';
import type { RequestState } from '../../monitor/completed-request.js';
import { requestState } from '../request-state.js';
import { authenticateRequest, type AuthInput, type AuthOptions } from './auth.js';
import { applyCorsPolicy, checkOrigin } from './cors-guard.js';
import type { CredentialFailureLimiter } from './credential-failure-limiter.js';
import { checkHost } from './host-guard.js';
import { createJsonBodyParser, maxBodyBytes, readJsonBody, type BodyCallback } from './parse-json-body.js';
import { checkServing } from './serving-guard.js';

/** One request as the guards see it. */
export interface GuardExchange extends AuthInput {
  /** Where CORS headers go and a preflight is answered; absent for a WebSocket handshake or turn. */
  response: ServerResponse | undefined;
  /** The request's record, which learns whose key it carries; absent for a WebSocket handshake. */
  state: RequestState | undefined;
  /** Whether this request counts against a named key's requests per minute (not a WebSocket handshake: its turns do). */
  countRequest: boolean;
}

export type GuardOutcome = GatewayError | 'answered' | undefined;

export type Guard = (exchange: GuardExchange, proxy: ProxySettings) => GuardOutcome;

/**
 * The groups in the order they run: `site` for every request the listener serves, `caller` for
 * everything but the console page and the admin API (which checks its own credential), and
 * `aiRoutes` for what the stopped gateway refuses.
 */
export type GuardGroup = 'site' | 'caller' | 'aiRoutes';

export interface AiGuardChainOptions {
  proxy: () => ProxySettings;
  /** Wrong credentials per network address (429 after too many); shared with the admin API. */
  failures?: CredentialFailureLimiter | undefined;
  /** Named keys and their rules; absent = only the main key. */
  keys?: ApiKeyGuard | undefined;
  /** Absent = always serving. */
  serving?: (() => boolean) | undefined;
}

/** Where a WebSocket's turns come from: its handshake's headers and client address. */
export interface TurnOrigin {
  headers: IncomingHttpHeaders;
  clientAddress: string | undefined;
}

export interface AiGuardChain {
  /** Each group's guards, run in order up to the first that answers. */
  readonly groups: Readonly<Record<GuardGroup, Guard>>;
  /** One group with the settings of the moment. */
  run(group: GuardGroup, exchange: GuardExchange): GuardOutcome;
  /** Every group in order: one AI request (the direct path). */
  check(exchange: GuardExchange): GuardOutcome;
  /** Every group for a WebSocket upgrade of `path`: the refusal, or undefined to accept it. */
  checkHandshake(request: IncomingMessage, path: string, searchParams: URLSearchParams): GatewayError | undefined;
  /** `caller` and `aiRoutes` for one turn on an open WebSocket, as for a `POST /v1/responses` with the handshake's credentials. */
  checkTurn(origin: TurnOrigin, state: RequestState | undefined): GatewayError | undefined;
  /** `proxy.max_body_mb` in bytes: HTTP bodies, multipart forms and WebSocket messages alike. */
  maxBodyBytes(): number;
  /** Reads a body `canReadDirectly` accepted, within the limit. */
  readBody(request: IncomingMessage, done: BodyCallback): void;
  /** The same limit for Express: JSON bodies of every kind (compressed, other types) through body-parser. */
  readonly parseJsonBody: RequestHandler;
}

function hostGuard(exchange: GuardExchange, proxy: ProxySettings): GuardOutcome {
  return checkHost(exchange.headers.host, proxy.allowed_hosts);
}

function originGuard(exchange: GuardExchange, proxy: ProxySettings): GuardOutcome {
  // Without a response there is nothing to add CORS headers to: only the decision counts.
  if (exchange.response === undefined) return checkOrigin(exchange, proxy.cors_origins);
  const outcome = applyCorsPolicy(exchange, exchange.response, proxy.cors_origins);
  return outcome === 'preflight' ? 'answered' : outcome;
}

function createKeyGuard(failures: CredentialFailureLimiter | undefined, keys: ApiKeyGuard | undefined): Guard {
  // Made once: the options are the same for every request.
  const counted: AuthOptions = { failures, keys, countRequest: true };
  const uncounted: AuthOptions = { failures, keys, countRequest: false };
  return function keyGuard(exchange, proxy) {
    const outcome = authenticateRequest(exchange, proxy, exchange.countRequest ? counted : uncounted);
    if (outcome.key !== undefined && exchange.state !== undefined) exchange.state.clientKey = outcome.key;
    return outcome.refusal;
  };
}

function createServingGuard(serving: (() => boolean) | undefined): Guard {
  return function servingGuard(exchange) {
    return checkServing(exchange.path, serving?.() ?? true);
  };
}

export function createAiGuardChain(options: AiGuardChainOptions): AiGuardChain {
  // The order, written once. A new guard goes into the group of the routes it protects
  // (`caller: (exchange, proxy) => keyGuard(exchange, proxy) ?? newGuard(exchange, proxy)`).
  const site: Guard = (exchange, proxy) => hostGuard(exchange, proxy) ?? originGuard(exchange, proxy);
  const caller: Guard = createKeyGuard(options.failures, options.keys);
  const aiRoutes: Guard = createServingGuard(options.serving);
  const afterSite: Guard = (exchange, proxy) => caller(exchange, proxy) ?? aiRoutes(exchange, proxy);
  const everyGuard: Guard = (exchange, proxy) => site(exchange, proxy) ?? afterSite(exchange, proxy);
  const groups: Record<GuardGroup, Guard> = { site, caller, aiRoutes };
  const maxBytes = () => maxBodyBytes(options.proxy());

  return {
    groups,
    run: (group, exchange) => groups[group](exchange, options.proxy()),
    check: (exchange) => everyGuard(exchange, options.proxy()),
    checkHandshake(request, path, searchParams) {
      const exchange: GuardExchange = {
        method: 'GET',
        path,
        headers: request.headers,
        keyInQuery: searchParams.has('key'),
        clientAddress: request.socket.remoteAddress,
        response: undefined,
        state: undefined,
        countRequest: false,
      };
      // No response to answer a preflight on, so no guard can say 'answered' here.
      return everyGuard(exchange, options.proxy()) as GatewayError | undefined;
    },
    checkTurn(origin, state) {
      const exchange: GuardExchange = {
        method: 'POST',
        path: '/v1/responses',
        headers: origin.headers,
        keyInQuery: false,
        clientAddress: origin.clientAddress,
        response: undefined,
        state,
        countRequest: true,
      };
      return afterSite(exchange, options.proxy()) as GatewayError | undefined;
    },
    maxBodyBytes: maxBytes,
    readBody: (request, done) => readJsonBody(request, maxBytes(), done),
    parseJsonBody: createJsonBodyParser({ maxBodyBytes: maxBytes }),
  };
}

/** The exchange for an Express request (the middleware below), made once and kept on the response. */
const kExchange = Symbol('skyport.guardExchange');
type GuardedResponse = Response & { [kExchange]?: GuardExchange };

function expressExchange(request: Request, response: GuardedResponse): GuardExchange {
  let exchange = response[kExchange];
  if (exchange === undefined) {
    exchange = {
      method: request.method,
      path: request.path,
      headers: request.headers,
      // The same reading of the query as the direct path's, whatever Express's query parser says.
      keyInQuery: searchParamsOf(request.url).has('key'),
      clientAddress: request.socket.remoteAddress,
      response,
      state: requestState(response),
      countRequest: true,
    };
    response[kExchange] = exchange;
  }
  return exchange;
}

/** One group of the chain as an Express middleware: a refusal goes to the error handler, an answered preflight ends here. */
export function guardMiddleware(chain: AiGuardChain, group: GuardGroup): RequestHandler {
  return function guard(request: Request, response: Response, next: NextFunction): void {
    const outcome = chain.run(group, expressExchange(request, response));
    if (outcome !== 'answered') next(outcome);
  };
}
