import { describe, expect, it } from 'vitest';
import { randomHex } from './random-hex.js';

describe('randomHex', () => {
  it('gives 2 hex digits per byte', () => {
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomHex(1)).toMatch(/^[0-9a-f]{2}$/);
  });

  it('never repeats across pool refills', () => {
    // 3,000 × 16 bytes crosses the 4 KiB pool about a dozen times.
    const ids = new Set(Array.from({ length: 3000 }, () => randomHex(16)));
    expect(ids.size).toBe(3000);
  });

  it('spreads its digits evenly (the bytes are random, not a counter)', () => {
    const counts = new Map<string, number>();
    for (const digit of Array.from({ length: 2000 }, () => randomHex(8)).join('')) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    // 32,000 digits, 2,000 expected per digit: every one of the 16 within ±20 %.
    expect(counts.size).toBe(16);
    for (const count of counts.values()) expect(Math.abs(count - 2000)).toBeLessThan(400);
  });

  it('refuses sizes it cannot serve', () => {
    expect(() => randomHex(0)).toThrow(RangeError);
    expect(() => randomHex(5000)).toThrow(RangeError);
    expect(() => randomHex(1.5)).toThrow(RangeError);
  });
});
