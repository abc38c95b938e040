import { describe, expect, it } from 'vitest';
import { checkKeyModel } from './check-key-model.js';
import { createKeyRateLimiter } from './create-key-rate-limiter.js';
import { parseKeyExpiry } from './parse-key-expiry.js';

const now = Date.UTC(2026, 11, 7, 12);

describe('parseKeyExpiry', () => {
  it('reads durations, ISO dates (end of that day, UTC), date-times and never', () => {
    expect(parseKeyExpiry('30d', now)).toBe(now + 30 * 86_400_000);
    expect(parseKeyExpiry('12h', now)).toBe(now + 12 * 3_600_000);
    expect(parseKeyExpiry('90m', now)).toBe(now + 90 * 60_000);
    expect(parseKeyExpiry('2w', now)).toBe(now + 14 * 86_400_000);
    expect(parseKeyExpiry('2027-01-31', now)).toBe(Date.UTC(2027, 0, 31, 23, 59, 59, 999));
    expect(parseKeyExpiry('2027-01-31T08:00:00Z', now)).toBe(Date.UTC(2027, 0, 31, 8));
    expect(parseKeyExpiry('never', now)).toBeNull();
  });

  it('refuses nonsense, zero and the past, naming the field', () => {
    for (const text of ['soon', '30x', '0d', '2020-01-01', '31/01/2027']) {
      expect(() => parseKeyExpiry(text, now), text).toThrow(expect.objectContaining({ status: 400, param: 'expires' }));
    }
  });
});

describe('createKeyRateLimiter', () => {
  it('lets a key burst to its limit, then one request per 60/rpm seconds, with the wait to say', () => {
    let time = now;
    const limiter = createKeyRateLimiter(() => time);
    for (let index = 0; index < 3; index += 1) expect(limiter.take('a', 3)).toBeUndefined();
    expect(limiter.take('a', 3)).toBe(20);
    // Another key has its own bucket.
    expect(limiter.take('b', 3)).toBeUndefined();
    time += 19_000;
    expect(limiter.take('a', 3)).toBe(1);
    time += 1_000;
    expect(limiter.take('a', 3)).toBeUndefined();
    expect(limiter.take('a', 3)).toBe(20);
    limiter.forget('a');
    expect(limiter.take('a', 3)).toBeUndefined();
  });
});

describe('checkKeyModel', () => {
  it('allows every model without a list, and only matching names with one, naming the list', () => {
    expect(checkKeyModel({ name: 'default', models: [] }, 'gpt-4o')).toBeUndefined();
    expect(checkKeyModel({ name: 'ci', models: ['gemini-*', 'claude-sonnet-4-5'] }, 'gemini-3-flash')).toBeUndefined();
    expect(checkKeyModel({ name: 'ci', models: ['gemini-*', 'claude-sonnet-4-5'] }, 'claude-sonnet-4-5')).toBeUndefined();
    const refused = checkKeyModel({ name: 'ci', models: ['gemini-*'] }, 'claude-opus-4-5');
    expect(refused).toMatchObject({ status: 403, kind: 'permission', code: 'model_not_allowed' });
    expect(refused?.message).toBe('API key "ci" may not use model "claude-opus-4-5": its model allow-list is gemini-*.');
  });
});
