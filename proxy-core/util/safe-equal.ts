import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function safeEqual(candidate: string, expected: string): boolean {
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && candidate.length === expected.length;
}
