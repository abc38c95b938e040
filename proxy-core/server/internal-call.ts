/**
 * Calls the gateway makes to its own HTTP endpoint on a client's behalf (a Responses WebSocket
 * turn, responses-websocket/call-responses-endpoint.ts) arrive from 127.0.0.1. They say whose call
 * it is in `x-skyport-client-address`, believed only on a loopback connection that also carries
 * this process's random token in `x-skyport-internal` (compared in constant time; redacted from
 * captured headers). Anyone else's header is ignored, so the request log's client address cannot
 * be forged from outside.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { safeEqual } from '../util/safe-equal.js';

export const internalTokenHeader = 'x-skyport-internal';
export const clientAddressHeader = 'x-skyport-client-address';

export function createInternalCallToken(): string {
  return randomBytes(24).toString('base64url');
}

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The address of whoever the request is for: the socket's, or the one an internal call names. */
export function readClientAddress(request: IncomingMessage, token: string | undefined): string | undefined {
  const socketAddress = request.socket.remoteAddress;
  if (token === undefined || !isLoopbackAddress(socketAddress)) return socketAddress;
  const sent = request.headers[internalTokenHeader];
  const address = request.headers[clientAddressHeader];
  if (typeof sent !== 'string' || typeof address !== 'string' || address === '' || !safeEqual(sent, token)) return socketAddress;
  return address;
}
