/**
 * Slows down credential guessing from the network: after `maxFailures` wrong API keys or admin
 * credentials from one address within `windowMs`, that address gets 429 with `Retry-After` for
 * every credential it sends until the oldest of those failures leaves the window. Loopback is
 * never limited: whoever runs code on this machine can read the data dir anyway, and the
 * gateway's own loopback calls must not lock each other out. The clock is passed in.
 */
import { GatewayError } from '../../errors/gateway-error.js';

export interface CredentialFailureLimiter {
  /** The 429 for an address that failed too often lately, or undefined to go on checking. */
  check(address: string | undefined): GatewayError | undefined;
  /** One wrong credential from `address` (loopback and unknown addresses are not counted). */
  recordFailure(address: string | undefined): void;
}

export interface CredentialFailureLimiterOptions {
  now: () => number;
  /** Wrong credentials allowed per address within the window; default 10. */
  maxFailures?: number;
  /** Default one minute. */
  windowMs?: number;
  /** Addresses remembered at most (the oldest is forgotten first), so a flood of sources cannot grow memory without bound; default 10 000. */
  maxAddresses?: number;
  /** Which client addresses are this machine and never limited; default `isLoopbackAddress`. */
  isLocal?: (address: string) => boolean;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: connections that never left this machine. */
export function isLoopbackAddress(address: string): boolean {
  const ipv4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return ipv4.startsWith('127.') || address === '::1' || address === '0:0:0:0:0:0:0:1';
}

export function createCredentialFailureLimiter(options: CredentialFailureLimiterOptions): CredentialFailureLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  /** Per address, the times of its recent failures, oldest first (at most `maxFailures`). */
  const failures = new Map<string, number[]>();

  const recent = (address: string, now: number): number[] | undefined => {
    const times = failures.get(address);
    if (times === undefined) return undefined;
    while (times.length > 0 && (times[0] as number) <= now - windowMs) times.shift();
    if (times.length === 0) {
      failures.delete(address);
      return undefined;
    }
    return times;
  };

  const isLocal = options.isLocal ?? isLoopbackAddress;
  const limited = (address: string | undefined): address is string => address !== undefined && address !== '' && !isLocal(address);

  return {
    check(address) {
      if (!limited(address)) return undefined;
      const now = options.now();
      const times = recent(address, now);
      if (times === undefined || times.length < maxFailures) return undefined;
      const retryAfterSeconds = Math.max(1, Math.ceil(((times[0] as number) + windowMs - now) / 1000));
      return new GatewayError(
        'rate_limit',
        `Too many wrong credentials from ${address}; try again in ${retryAfterSeconds} s. Check the API key (or the admin credential: npm run skyport -- console-login) before retrying.`,
        { code: 'too_many_failed_credentials', retryAfterSeconds },
      );
    },

    recordFailure(address) {
      if (!limited(address)) return;
      const now = options.now();
      const times = recent(address, now) ?? [];
      times.push(now);
      if (times.length > maxFailures) times.shift();
      // Re-inserted last, so the map's first key is the address that failed longest ago.
      failures.delete(address);
      failures.set(address, times);
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value as string);
    },
  };
}
