/** The last middleware: any error becomes a GatewayError rendered in the caller's protocol. */
import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, toGatewayError } from '../../errors/gateway-error.js';
import { sendGatewayError } from '../send-gateway-error.js';

/** Answers with `error` in the request's protocol; anything not a GatewayError is a bug and logged as one. */
export function answerWithError(response: ServerResponse, error: unknown, logger: { error(message: string): void }): void {
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
