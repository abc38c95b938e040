/**
 * DNS-rebinding guard: a web page can make a hostname it controls resolve to 127.0.0.1, but the
 * browser still sends that hostname as `Host`. Only loopback names, IP literals and names the
 * user listed in `proxy.allowed_hosts` are served.
 */
import { isIP } from 'node:net';
import { GatewayError } from '../../errors/gateway-error.js';

export function parseHostname(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

export function isHostAllowed(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  const hostname = parseHostname(hostHeader);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIP(hostname) !== 0) return true;
  return allowedHosts.includes(hostname);
}

/** The refusal for a Host header that is not allowed, or undefined to go on. */
export function checkHost(hostHeader: string | undefined, allowedHosts: readonly string[]): GatewayError | undefined {
  if (isHostAllowed(hostHeader, allowedHosts)) return undefined;
  return new GatewayError(
    'permission',
    `Host "${hostHeader ?? ''}" is not allowed. Use 127.0.0.1 or localhost, or add the name to proxy.allowed_hosts.`,
  );
}
