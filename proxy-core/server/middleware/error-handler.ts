/** The last middleware: any error becomes a GatewayError rendered in the caller's protocol. */
import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, toGatewayError } from '../../errors/gateway-error.js';
import { sendGatewayError } from '../send-gateway-error.js';

/**
 * A client's mistake reported by Express's own parts, not a bug: the router cannot decode a path
 * parameter (`/v1/models/%E0%A4%A`, a URIError with status 400), `send` refuses a file path with a
 * NUL byte (`/console/x%00`). They carry a 4xx `status`; answered as a 400/404 in the caller's
 * shape, with no stack trace in the log.
 */
export function readClientError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError || typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, expose } = error as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  if (typeof code !== 'number' || code < 400 || code > 499) return undefined;
  // Only Express's own parts: http-errors (send, router) mark theirs `expose`; the router's decode
  // failure is a URIError. Anything else with a status is a bug to log, not a client mistake.
  if (expose !== true && !(error instanceof URIError)) return undefined;
  if (code === 404) return new GatewayError('not_found', 'Not found.', { code: 'not_found' });
  if (error instanceof URIError) {
    return new GatewayError('invalid_request', 'The request path is not valid URL encoding (a "%" must be followed by two hex digits of UTF-8).', {
      code: 'malformed_path',
    });
  }
  // http-errors marks its 4xx messages as safe to show ("Bad Request", "Range Not Satisfiable").
  const { message } = error as { message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : 'Malformed request';
  const hint = code === 400 ? ': check the request path (no NUL bytes or broken %-escapes).' : '.';
  return new GatewayError('invalid_request', `${text}${hint}`, { code: 'malformed_request', status: code });
}

/** Answers with `error` in the request's protocol; anything not a GatewayError is a bug and logged as one. */
export function answerWithError(response: ServerResponse, error: unknown, logger: { error(message: string): void }): void {
  const clientError = readClientError(error);
  if (clientError !== undefined) {
    sendGatewayError(response, clientError);
    return;
  }
  if (!(error instanceof GatewayError)) {
    logger.error(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  sendGatewayError(response, toGatewayError(error));
}

export function createErrorHandler(options: { logger: { error(message: string): void } }) {
  return function errorHandler(error: unknown, _request: Request, response: Response, _next: NextFunction): void {
    answerWithError(response, error, options.logger);
  };
}
