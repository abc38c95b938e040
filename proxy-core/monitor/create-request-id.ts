/**
 * Request ids: `req_` and 32 hex digits, the first 12 the epoch milliseconds and the rest random
 * (80 bits). Time first, so ids sort by start time and each new one lands at the end of the
 * request log's unique index: random ids scatter inserts across the whole index, which grows the
 * cost per row with the size of the log (bench/README.md).
 */
import { randomHex } from '../util/random-hex.js';

export function createRequestId(now: number): string {
  return `req_${Math.max(0, Math.floor(now)).toString(16).padStart(12, '0')}${randomHex(10)}`;
}
