/**
 * Random hex digits for ids (request, completion, message and tool-call ids), taken from a pool
 * of random bytes refilled 4 KiB at a time: a quarter of the cost of a UUID formatted and then
 * stripped of its dashes, and these ids are made several times per request. The bytes come
 * from the same CSPRNG as randomUUID and none is handed out twice.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/** `bytes` random bytes as 2 × `bytes` lowercase hex digits. */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > pool.length) throw new RangeError(`randomHex takes 1 to ${pool.length} bytes, not ${bytes}`);
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const text = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return text;
}
