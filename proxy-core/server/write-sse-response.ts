/**
 * Stream SSE frames to the client: headers sent at once (with the first frame when it is ready,
 * as it is after run-generation's peek, else on their own), every frame written as it comes
 * (respecting backpressure; the frames of one upstream read in one write when the source hands
 * them out in batches), a comment heartbeat while the upstream is silent so proxies and clients
 * keep the connection, and an abort of the upstream when the client goes away.
 */
import type { ServerResponse } from 'node:http';
import { batchesOf } from '../util/batched-async-iterable.js';
import { waitForDrain } from './wait-for-drain.js';

export interface SseOptions {
  heartbeatMs?: number;
  /** What to send while silent; an SSE comment by default (Anthropic clients expect a `ping` event). */
  heartbeatFrame?: string;
  /** Aborted when the client disconnects before the stream ends. */
  abort: { abort(): void };
  /** Server-sent events by default; Gemini's streamed JSON array (no `alt=sse`) is `application/json`. */
  contentType?: string;
}

/** One stream's heartbeat check, run by the shared ticker below; linked into its list. */
interface Heartbeat {
  beat(now: number): void;
  previous: Heartbeat | undefined;
  next: Heartbeat | undefined;
}

/**
 * One timer for every open stream, not one per stream: it looks at each stream a few times a
 * second and stops once a look finds none open (so a steady trickle of short streams does not
 * create and clear a timer per stream).
 *
 * The open streams are an intrusive list whose links are cleared on removal, not a Set. With a
 * Set (one entry added and one deleted per stream) each young collection at full load promoted
 * twice as much, whole requests reachable from the heartbeats (`--trace-gc-nvp`, bench/README.md).
 * The likely reason: such a Set rebuilds its table every few dozen streams, and a retired table
 * that reached the old generation still points at the entries it held until a full collection.
 * A list keeps no copy of its links anywhere.
 */
let firstHeartbeat: Heartbeat | undefined;
const heartbeatTickMs = 250;
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  if (firstHeartbeat === undefined) {
    clearInterval(ticker);
    ticker = undefined;
    return;
  }
  const now = Date.now();
  for (let heartbeat: Heartbeat | undefined = firstHeartbeat; heartbeat !== undefined; heartbeat = heartbeat.next) heartbeat.beat(now);
}

function watchHeartbeat(heartbeat: Heartbeat): void {
  heartbeat.next = firstHeartbeat;
  if (firstHeartbeat !== undefined) firstHeartbeat.previous = heartbeat;
  firstHeartbeat = heartbeat;
  if (ticker === undefined) {
    ticker = setInterval(tick, heartbeatTickMs);
    ticker.unref();
  }
}

function unwatchHeartbeat(heartbeat: Heartbeat): void {
  if (heartbeat.previous !== undefined) heartbeat.previous.next = heartbeat.next;
  else if (firstHeartbeat === heartbeat) firstHeartbeat = heartbeat.next;
  if (heartbeat.next !== undefined) heartbeat.next.previous = heartbeat.previous;
  heartbeat.previous = undefined;
  heartbeat.next = undefined;
}

export async function writeSseResponse(response: ServerResponse, frames: AsyncIterable<string>, options: SseOptions): Promise<void> {
  response.statusCode = 200;
  response.setHeader('Content-Type', options.contentType ?? 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.socket?.setNoDelay(true);
  // Frames written within one turn of the event loop (often a whole short answer, and the end of
  // the stream) leave in one socket write: corked until the turn's check phase, no later. The
  // headers leave with the first write; when no frame is ready by the end of the first turn,
  // they leave alone then: a client must not wait on a slow first frame.
  let uncorkAt: NodeJS.Immediate | undefined;
  const uncork = () => {
    uncorkAt = undefined;
    if (!response.headersSent && !response.destroyed) response.flushHeaders();
    response.uncork();
  };
  response.cork();
  uncorkAt = setImmediate(uncork);

  let lastWrite = Date.now();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const heartbeat: Heartbeat = {
    previous: undefined,
    next: undefined,
    beat(now) {
      if (now - lastWrite >= heartbeatMs && !response.writableEnded) {
        response.write(options.heartbeatFrame ?? ': ping\n\n');
        lastWrite = now;
      }
    },
  };
  watchHeartbeat(heartbeat);

  const onClose = () => {
    if (!response.writableFinished) options.abort.abort();
  };
  response.on('close', onClose);
  try {
    for await (const batch of batchesOf(frames)) {
      if (response.destroyed) break;
      if (batch.length === 0) continue;
      lastWrite = Date.now();
      if (uncorkAt === undefined) {
        response.cork();
        uncorkAt = setImmediate(uncork);
      }
      if (!response.write(batch.length === 1 ? (batch[0] as string) : batch.join(''))) await waitForDrain(response);
    }
  } finally {
    // end() below flushes a corked response itself.
    if (uncorkAt !== undefined) clearImmediate(uncorkAt);
    unwatchHeartbeat(heartbeat);
    response.off('close', onClose);
    if (!response.writableEnded) response.end();
  }
}
