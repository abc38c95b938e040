/** Request id, start time and protocol for every request; one log line when the response ends. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { detectClientProtocol } from '../client-protocol.js';
import type { CompletedRequest, RequestState } from '../../monitor/completed-request.js';
import { createRequestId } from '../../monitor/create-request-id.js';
import { attachRequestState } from '../request-state.js';
import { readClientAddress } from '../internal-call.js';

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
  /** This process's token for its own loopback calls made for a client (internal-call.ts). */
  internalCallToken?: string;
  now?: () => number;
  onComplete?: (completed: CompletedRequest) => void;
}

/**
 * Starts one request's record: its id (also sent as `X-Request-Id`), start time and protocol,
 * and the log line and completion record when the response closes. Shared by the Express chain
 * and the direct AI path; `path` is the URL's path without the query, which is never logged.
 */
export function beginRequest(request: IncomingMessage, response: ServerResponse, path: string, options: RequestContextOptions): RequestState {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const state: RequestState = {
    requestId: createRequestId(startedAt),
    startedAt,
    protocol: detectClientProtocol(path),
    attempts: [],
  };
  attachRequestState(response, state);
  response.setHeader('X-Request-Id', state.requestId);
  const method = request.method ?? 'GET';
  response.once('close', () => {
    options.logger.info(formatRequestLogLine(method, path, response.statusCode, state, now()));
    if (state.attempts.length > 0) for (const line of formatAttemptLines(state)) options.logger.debug(line);
    options.onComplete?.({
      method,
      path,
      status: response.statusCode,
      endedAt: now(),
      clientIp: readClientAddress(request, options.internalCallToken),
      finished: response.writableFinished,
      headersSent: response.headersSent,
      contentType: response.getHeader('content-type')?.toString(),
      state,
    });
  });
  return state;
}

export function createRequestContext(options: RequestContextOptions) {
  return function requestContext(request: Request, response: Response, next: NextFunction): void {
    beginRequest(request, response, request.path, options);
    next();
  };
}
