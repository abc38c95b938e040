import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { checkHost, isHostAllowed, parseHostname } from './host-guard.js';

describe('parseHostname', () => {
  it('drops the port, the IPv6 brackets, the case and surrounding spaces', () => {
    expect(parseHostname('LocalHost:8045')).toBe('localhost');
    expect(parseHostname('  gateway.lan  ')).toBe('gateway.lan');
    expect(parseHostname('Gateway.LAN:8045 ')).toBe('gateway.lan');
    expect(parseHostname('[::1]:8045')).toBe('::1');
    expect(parseHostname('[::1]')).toBe('::1');
    expect(parseHostname('example.com')).toBe('example.com');
  });

  it('reads an IPv6 literal whose closing bracket is missing to its end', () => {
    expect(parseHostname('[fe80::1')).toBe('fe80::1');
  });
});

describe('isHostAllowed', () => {
  it('serves loopback names, their subdomains and IP literals, with or without a port', () => {
    for (const host of ['localhost', 'localhost:8045', 'LOCALHOST', 'console.localhost:8045', '127.0.0.1', '127.0.0.1:8045', '192.168.1.50:8045', '[::1]:8045', '[fe80::1]']) {
      expect(isHostAllowed(host, []), host).toBe(true);
    }
  });

  it('refuses a missing or empty Host and any other name (a rebinding page keeps its own name)', () => {
    expect(isHostAllowed(undefined, [])).toBe(false);
    expect(isHostAllowed('', [''])).toBe(false);
    for (const host of ['evil.example', 'evil.example:8045', 'notlocalhost', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      expect(isHostAllowed(host, []), host).toBe(false);
    }
  });

  it('serves the names listed in proxy.allowed_hosts, whatever the case and port, and only those', () => {
    const allowed = ['gateway.lan', 'skyport.home'];
    expect(isHostAllowed('gateway.lan', allowed)).toBe(true);
    expect(isHostAllowed('Skyport.Home:8045', allowed)).toBe(true);
    expect(isHostAllowed('other.lan', allowed)).toBe(false);
    expect(isHostAllowed('gateway.lan.evil.example', allowed)).toBe(false);
  });
});

describe('checkHost', () => {
  it('answers 403 naming the Host and the way out', () => {
    const refusal = checkHost('evil.example:8045', []);
    expect(refusal).toBeInstanceOf(GatewayError);
    expect(refusal).toMatchObject({
      kind: 'permission',
      status: 403,
      message: 'Host "evil.example:8045" is not allowed. Use 127.0.0.1 or localhost, or add the name to proxy.allowed_hosts.',
    });
    expect(checkHost(undefined, [])?.message).toBe('Host "" is not allowed. Use 127.0.0.1 or localhost, or add the name to proxy.allowed_hosts.');
  });

  it('lets an allowed Host go on', () => {
    expect(checkHost('127.0.0.1:8045', [])).toBeUndefined();
    expect(checkHost('gateway.lan', ['gateway.lan'])).toBeUndefined();
  });
});
