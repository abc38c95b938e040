/**
 * Requests per minute per named key: a token bucket of `rpm` requests that refills at `rpm` per
 * minute, so a key may burst up to its limit and then goes at the limit's pace. In memory: a
 * restart forgets the buckets (at worst one extra minute's worth).
 */
export interface KeyRateLimiter {
  /** Counts one request; undefined when allowed, else the seconds until one more would be (>= 1). */
  take(id: string, rpm: number): number | undefined;
  forget(id: string): void;
}

export function createKeyRateLimiter(now: () => number): KeyRateLimiter {
  const buckets = new Map<string, { tokens: number; at: number; rpm: number }>();
  return {
    take(id, rpm) {
      const time = now();
      let bucket = buckets.get(id);
      // A changed limit starts a full bucket of the new size.
      if (bucket === undefined || bucket.rpm !== rpm) {
        bucket = { tokens: rpm, at: time, rpm };
        buckets.set(id, bucket);
      }
      const perMs = rpm / 60_000;
      bucket.tokens = Math.min(rpm, bucket.tokens + Math.max(0, time - bucket.at) * perMs);
      bucket.at = time;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    forget(id) {
      buckets.delete(id);
    },
  };
}
