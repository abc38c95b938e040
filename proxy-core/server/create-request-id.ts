/**
 * Request ids: `req_` and 32 hex digits, the first 12 the epoch milliseconds and the rest random
 * (76 bits, from randomUUID's buffered entropy). Time first, so ids sort by start time and each
 * new one lands at the end of the request log's unique index: random ids scatter inserts across
 * the whole index, which grows the cost per row with the size of the log (bench/README.md).
 */
import { randomUUID } from 'node:crypto';

export function createRequestId(now: number): string {
  const random = randomUUID().replaceAll('-', '');
  // Skip the version digit (index 12) of the UUID: it is always 4.
  return `req_${Math.max(0, Math.floor(now)).toString(16).padStart(12, '0')}${random.slice(0, 12)}${random.slice(13, 21)}`;
}
