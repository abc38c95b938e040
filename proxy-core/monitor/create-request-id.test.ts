import { describe, expect, it } from 'vitest';
import { createRequestId } from './create-request-id.js';

describe('createRequestId', () => {
  it('is req_ and 32 hex digits, the first 12 the start time in milliseconds', () => {
    const id = createRequestId(Date.UTC(2026, 10, 26, 12));
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(Number.parseInt(id.slice(4, 16), 16)).toBe(Date.UTC(2026, 10, 26, 12));
  });

  it('sorts by time, and ids made in the same millisecond differ', () => {
    const earlier = createRequestId(1_000);
    const later = createRequestId(1_001);
    expect(earlier < later).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => createRequestId(5_000)));
    expect(same.size).toBe(1000);
  });
});
