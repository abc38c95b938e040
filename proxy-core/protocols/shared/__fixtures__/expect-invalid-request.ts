/** Test support: `run` must throw the client's-mistake GatewayError (400) naming `param`. */
import { expect } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';

export function expectInvalidRequest(run: () => unknown, param: string | undefined, message?: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('invalid_request');
    expect((error as GatewayError).param).toBe(param);
    if (message !== undefined) expect((error as GatewayError).message).toMatch(message);
    return;
  }
  throw new Error('expected an invalid_request GatewayError');
}
