/** Request id, start time and protocol for every request; one log line when the response ends. */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { detectClientProtocol } from '../client-protocol.js';
import type { RequestState } from '../request-state.js';

export interface RequestLogger {
  info(message: string): void;
}

export function formatRequestLogLine(request: Request, response: Response, state: RequestState, now: number): string {
  const parts = [
    request.method,
    request.path,
    String(response.statusCode),
    `${now - state.startedAt}ms`,
    state.model === undefined ? undefined : `model=${state.model}${state.mappedModel && state.mappedModel !== state.model ? `->${state.mappedModel}` : ''}`,
    state.accountEmail === undefined ? undefined : `account=${state.accountEmail}`,
    `id=${state.requestId}`,
    state.errorMessage === undefined ? undefined : `error=${JSON.stringify(state.errorMessage.slice(0, 200))}`,
  ];
  return parts.filter((part) => part !== undefined).join(' ');
}

export function createRequestContext(options: { logger: RequestLogger; now?: () => number }) {
  const now = options.now ?? Date.now;
  return function requestContext(request: Request, response: Response, next: NextFunction): void {
    const state: RequestState = {
      requestId: `req_${randomUUID().replaceAll('-', '')}`,
      startedAt: now(),
      protocol: detectClientProtocol(request.path),
    };
    response.locals.skyport = state;
    response.setHeader('X-Request-Id', state.requestId);
    // Paths carry no secrets (`?key=` is refused, and the query is not logged).
    response.on('close', () => options.logger.info(formatRequestLogLine(request, response, state, now())));
    next();
  };
}
