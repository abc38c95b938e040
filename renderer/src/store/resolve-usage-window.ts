/**
 * The Usage page's time windows as getUsage queries. Buckets start on the user's own hours and
 * midnights: the window begins at a bucket start, and the UTC offset goes along so the server cuts
 * days where the user's days begin. `bucketStarts` lists every bucket, so a chart shows quiet
 * hours as zero instead of skipping them.
 */
import type { UsageQuery } from './view-types.js';

export const usageWindows = ['24h', '7d', '30d'] as const;
export type UsageWindow = (typeof usageWindows)[number];

const hourMs = 3_600_000;
const dayMs = 86_400_000;

export interface ResolvedUsageWindow {
  query: { bucket: 'hour' | 'day'; since: number; until: number; tz_offset_minutes: number } & UsageQuery;
  /** Epoch ms of every bucket in the window, oldest first. */
  bucketStarts: number[];
}

/** Minutes east of UTC at `at` in this browser (Date's own offset has the other sign). */
export function resolveUtcOffsetMinutes(at: number): number {
  return -new Date(at).getTimezoneOffset();
}

export function resolveUsageWindow(window: UsageWindow, now: number): ResolvedUsageWindow {
  const tz = resolveUtcOffsetMinutes(now);
  const offset = tz * 60_000;
  if (window === '24h') {
    // The current hour and the 23 before it.
    const currentHour = Math.floor((now + offset) / hourMs) * hourMs - offset;
    const since = currentHour - 23 * hourMs;
    return { query: { bucket: 'hour', since, until: now, tz_offset_minutes: tz }, bucketStarts: steps(since, now, hourMs) };
  }
  const days = window === '7d' ? 7 : 30;
  // Today and the days before it, from local midnight.
  const today = Math.floor((now + offset) / dayMs) * dayMs - offset;
  const since = today - (days - 1) * dayMs;
  return { query: { bucket: 'day', since, until: now, tz_offset_minutes: tz }, bucketStarts: steps(since, now, dayMs) };
}

/** Today so far, from local midnight: the Dashboard's figures. */
export function resolveTodayWindow(now: number): ResolvedUsageWindow['query'] {
  const tz = resolveUtcOffsetMinutes(now);
  const offset = tz * 60_000;
  const since = Math.floor((now + offset) / dayMs) * dayMs - offset;
  return { bucket: 'day', since, until: now, tz_offset_minutes: tz };
}

function steps(from: number, until: number, size: number): number[] {
  const starts: number[] = [];
  for (let at = from; at < until; at += size) starts.push(at);
  return starts;
}
