/**
 * A Claude (Anthropic) error as Cloud Code relays it: the Anthropic error JSON stringified into the
 * google.rpc.Status message of a 400 INVALID_ARGUMENT (UPSTREAM-PROTOCOL.md §11).
 */
import { randomBytes } from 'node:crypto';
import { errorReply, rpcStatus } from '../fake-google-errors.js';
import type { FakeErrorReply } from '../fake-google-types.js';

function randomBase62(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function anthropicInvalidRequest(message: string): FakeErrorReply {
  const inner = JSON.stringify({
    type: 'error',
    error: { type: 'invalid_request_error', message },
    request_id: `req_vrtx_011${randomBase62(21)}`,
  });
  return errorReply(400, rpcStatus(400, 'INVALID_ARGUMENT', inner));
}
