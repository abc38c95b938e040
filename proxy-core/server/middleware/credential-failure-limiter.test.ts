import { describe, expect, it } from 'vitest';
import { createCredentialFailureLimiter, isLoopbackAddress } from './credential-failure-limiter.js';

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createCredentialFailureLimiter', () => {
  it('lets 10 wrong credentials a minute through, then answers 429 with Retry-After until the oldest leaves the window', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(limiter.check('192.168.1.50')).toBeUndefined();
      limiter.recordFailure('192.168.1.50');
      clock.advance(1_000);
    }
    const blocked = limiter.check('192.168.1.50');
    expect(blocked).toMatchObject({ kind: 'rate_limit', status: 429, code: 'too_many_failed_credentials', retryAfterSeconds: 50 });
    // Another address is not affected.
    expect(limiter.check('192.168.1.51')).toBeUndefined();
    clock.advance(49_999);
    expect(limiter.check('192.168.1.50')?.retryAfterSeconds).toBe(1);
    clock.advance(1);
    // The first failure left the window: one more try, and the next failure blocks again.
    expect(limiter.check('192.168.1.50')).toBeUndefined();
    limiter.recordFailure('192.168.1.50');
    expect(limiter.check('192.168.1.50')?.retryAfterSeconds).toBe(1);
  });

  it('never limits loopback, IPv4-mapped loopback or an unknown address', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 1 });
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1', undefined, '']) {
      limiter.recordFailure(address);
      limiter.recordFailure(address);
      expect(limiter.check(address)).toBeUndefined();
    }
    limiter.recordFailure('::ffff:10.0.0.7');
    expect(limiter.check('::ffff:10.0.0.7')).toMatchObject({ status: 429 });
    limiter.recordFailure('fe80::1');
    expect(limiter.check('fe80::1')).toMatchObject({ status: 429 });
  });

  it('forgets the address that failed longest ago once it remembers too many', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 1, maxAddresses: 2 });
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.2');
    limiter.recordFailure('10.0.0.3');
    expect(limiter.check('10.0.0.1')).toBeUndefined();
    expect(limiter.check('10.0.0.2')).toMatchObject({ status: 429 });
    expect(limiter.check('10.0.0.3')).toMatchObject({ status: 429 });
  });

  it('tells loopback from the network', () => {
    expect(isLoopbackAddress('127.45.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.127.0.1')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.0.2')).toBe(false);
    expect(isLoopbackAddress('1270::1')).toBe(false);
  });
});

describe('createCredentialFailureLimiter, the block', () => {
  it('says who is blocked, for how long, and what to check', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 1 });
    limiter.recordFailure('192.168.1.50');
    clock.advance(15_500);
    expect(limiter.check('192.168.1.50')?.message).toBe(
      'Too many wrong credentials from 192.168.1.50; try again in 45 s. Check the API key (or the admin credential: npm run skyport -- console-login) before retrying.',
    );
  });

  it('lasts until the oldest of the last maxFailures failures leaves the window, however many came before', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 2 });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      limiter.recordFailure('10.0.0.1');
      clock.advance(10_000);
    }
    // Failures at 0, 10, 20 and 30 s; now 40 s: the last two (20 s, 30 s) count, the block ends at 80 s.
    expect(limiter.check('10.0.0.1')?.retryAfterSeconds).toBe(40);
  });

  it('does not let loopback failures push a network address out of its memory', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 1, maxAddresses: 1 });
    limiter.recordFailure('10.0.0.1');
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', undefined, '']) limiter.recordFailure(address);
    expect(limiter.check('10.0.0.1')).toMatchObject({ status: 429 });
  });

  it('moves an address that fails again to the back of the forgetting order', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 2, maxAddresses: 2 });
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.2');
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.3');
    // 10.0.0.2 failed longest ago and is forgotten; 10.0.0.1 kept both its failures.
    expect(limiter.check('10.0.0.1')).toMatchObject({ status: 429 });
    limiter.recordFailure('10.0.0.2');
    expect(limiter.check('10.0.0.2')).toBeUndefined();
  });

  it('limits only the addresses the isLocal option does not call this machine', () => {
    const clock = fakeClock();
    const limiter = createCredentialFailureLimiter({ now: clock.now, maxFailures: 1, isLocal: (address) => address === '10.0.0.1' });
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('127.0.0.1');
    expect(limiter.check('10.0.0.1')).toBeUndefined();
    expect(limiter.check('127.0.0.1')).toMatchObject({ status: 429 });
  });
});

describe('isLoopbackAddress, written out', () => {
  it('knows the long form of ::1', () => {
    expect(isLoopbackAddress('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isLoopbackAddress('0:0:0:0:0:0:0:2')).toBe(false);
  });
});
