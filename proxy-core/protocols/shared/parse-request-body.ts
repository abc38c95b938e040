/**
 * Untrusted JSON body -> the typed request a schema describes, or a GatewayError
 * `invalid_request` naming the first field at fault (convert-zod-error-to-gateway-error.ts).
 * "[undefined]" literals are removed first (remove-undefined-literals.ts) unless told not to.
 */
import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { convertZodErrorToGatewayError, requestErrorMap, type ConvertZodErrorOptions } from './convert-zod-error-to-gateway-error.js';
import { removeUndefinedLiterals } from './remove-undefined-literals.js';

export interface ParseRequestBodyOptions extends ConvertZodErrorOptions {
  /** Validate the body as sent, "[undefined]" literals included. */
  keepUndefinedLiterals?: boolean;
}

export function parseRequestBody<Schema extends z.ZodType>(schema: Schema, body: unknown, options: ParseRequestBodyOptions = {}): z.output<Schema> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(options.keepUndefinedLiterals === true ? body : removeUndefinedLiterals(body), { error: requestErrorMap, reportInput: true });
  if (!result.success) throw convertZodErrorToGatewayError(result.error, options);
  return result.data;
}
