/** Request id, start time and protocol for every request; one log line when the response ends. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { detectClientProtocol } from '../client-protocol.js';
import type { CompletedRequest, RequestState } from '../../monitor/completed-request.js';
import { createRequestId } from '../../monitor/create-request-id.js';
import { attachRequestState } from '../request-state.js';

export interface RequestLogger {
  info(message: string): void;
  debug(message: string): void;
}

/** One debug line per failed attempt: which account, what happened, which rule, who was skipped. */
export function formatAttemptLines(state: RequestState): string[] {
  return state.attempts
    .filter((attempt) => attempt.outcome === 'failed' || attempt.skipped.length > 0)
    .map((attempt, index) => {
      const skipped = attempt.skipped.map((entry) => `${entry.email} (${entry.reason})`).join(', ');
      const outcome = attempt.outcome === 'ok' ? 'ok' : `${attempt.status ?? '-'} ${attempt.rule ?? ''}`.trim();
      return `  attempt ${index + 1} id=${state.requestId} account=${attempt.accountEmail} ${outcome}${skipped === '' ? '' : ` skipped: ${skipped}`}`;
    });
}

export function formatRequestLogLine(method: string, path: string, status: number, state: RequestState, now: number): string {
  const parts = [
    method,
    path,
    String(status),
    `${now - state.startedAt}ms`,
    state.model === undefined ? undefined : `model=${state.model}${state.mappedModel && state.mappedModel !== state.model ? `->${state.mappedModel}` : ''}`,
    state.accountEmail === undefined ? undefined : `account=${state.accountEmail}`,
    state.attempts.length > 1 ? `attempts=${state.attempts.length}` : undefined,
    `id=${state.requestId}`,
    state.errorMessage === undefined ? undefined : `error=${JSON.stringify(state.errorMessage.slice(0, 200))}`,
  ];
  return parts.filter((part) => part !== undefined).join(' ');
}

export interface RequestContextOptions {
  logger: RequestLogger;
  now?: () => number;
  onComplete?: (completed: CompletedRequest) => void;
}

/** How a request ended, as the request log records it. */
export type RequestEnd = Pick<CompletedRequest, 'status' | 'finished' | 'headersSent' | 'contentType'>;

/**
 * One request's record, whatever carries it (an HTTP exchange, a Responses WebSocket turn): its
 * id, start time and protocol now, and at `end` the log line and the completion record (the
 * request log). `path` is the URL's path without the query, which is never logged.
 */
export function startRequestRecord(
  request: { method: string; path: string; clientIp: string | undefined },
  options: RequestContextOptions,
): { state: RequestState; end(outcome: RequestEnd): void } {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const state: RequestState = {
    requestId: createRequestId(startedAt),
    startedAt,
    protocol: detectClientProtocol(request.path),
    attempts: [],
  };
  return {
    state,
    end(outcome) {
      options.logger.info(formatRequestLogLine(request.method, request.path, outcome.status, state, now()));
      if (state.attempts.length > 0) for (const line of formatAttemptLines(state)) options.logger.debug(line);
      options.onComplete?.({ method: request.method, path: request.path, endedAt: now(), clientIp: request.clientIp, ...outcome, state });
    },
  };
}

/**
 * Starts an HTTP request's record (its id also sent as `X-Request-Id`), ended when the response
 * closes. Shared by the Express chain and the direct AI path.
 */
export function beginRequest(request: IncomingMessage, response: ServerResponse, path: string, options: RequestContextOptions): RequestState {
  const record = startRequestRecord({ method: request.method ?? 'GET', path, clientIp: request.socket.remoteAddress }, options);
  attachRequestState(response, record.state);
  response.setHeader('X-Request-Id', record.state.requestId);
  response.once('close', () => {
    record.end({
      status: response.statusCode,
      finished: response.writableFinished,
      headersSent: response.headersSent,
      contentType: response.getHeader('content-type')?.toString(),
    });
  });
  return record.state;
}

export function createRequestContext(options: RequestContextOptions) {
  return function requestContext(request: Request, response: Response, next: NextFunction): void {
    beginRequest(request, response, request.path, options);
    next();
  };
}
