import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressHeader, createInternalCallToken, internalTokenHeader, readClientAddress } from './internal-call.js';

const token = createInternalCallToken();
const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('readClientAddress', () => {
  it("believes a loopback call that carries this process's token", () => {
    expect(readClientAddress(request('127.0.0.1', { [internalTokenHeader]: token, [clientAddressHeader]: '192.168.1.20' }), token)).toBe('192.168.1.20');
    expect(readClientAddress(request('::ffff:127.0.0.1', { [internalTokenHeader]: token, [clientAddressHeader]: '10.0.0.7' }), token)).toBe('10.0.0.7');
  });

  it('keeps the socket address for a wrong or missing token, a remote socket, or no token configured', () => {
    const named = { [clientAddressHeader]: '6.6.6.6' };
    expect(readClientAddress(request('127.0.0.1', { ...named, [internalTokenHeader]: `${token}x` }), token)).toBe('127.0.0.1');
    expect(readClientAddress(request('127.0.0.1', named), token)).toBe('127.0.0.1');
    expect(readClientAddress(request('192.168.1.9', { ...named, [internalTokenHeader]: token }), token)).toBe('192.168.1.9');
    expect(readClientAddress(request('127.0.0.1', { ...named, [internalTokenHeader]: token }), undefined)).toBe('127.0.0.1');
    expect(createInternalCallToken()).not.toBe(token);
  });
});
