/** The last middleware: any error becomes a GatewayError rendered in the caller's protocol. */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, toGatewayError } from '../../errors/gateway-error.js';
import { sendGatewayError } from '../send-gateway-error.js';

export function createErrorHandler(options: { logger: { error(message: string): void } }) {
  return function errorHandler(error: unknown, _request: Request, response: Response, _next: NextFunction): void {
    const gatewayError = toGatewayError(error);
    if (!(error instanceof GatewayError)) {
      options.logger.error(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    sendGatewayError(response, gatewayError);
  };
}
