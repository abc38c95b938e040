/**
 * Child process: the cheap upstream (cheap-upstream.ts) in front of the fake Google.
 * Env: BENCH_FAKE_ORIGIN (the fake's origin).
 */
import { startCheapUpstream } from './cheap-upstream.js';
import { runChild } from './child-ipc.js';

export interface CheapUpstreamInfo extends Record<string, unknown> {
  baseUrl: string;
}

/** What the parent learns about the recorded answer. */
export interface CaptureSummary {
  events: number;
  bytes: number;
  /** Socket writes per answer after the head (the fake's flushes). */
  writes: number;
}

void runChild(async () => {
  const fakeOrigin = process.env.BENCH_FAKE_ORIGIN;
  if (fakeOrigin === undefined || fakeOrigin === '') throw new Error('BENCH_FAKE_ORIGIN is not set');
  const upstream = await startCheapUpstream(fakeOrigin);
  const info: CheapUpstreamInfo = { baseUrl: upstream.baseUrl };
  return {
    info,
    handlers: {
      capture: async (body: string, headers: Record<string, string>): Promise<CaptureSummary> => {
        const captured = await upstream.capture({ body, headers });
        const text = captured.body.toString('utf8');
        return { events: text.split(/\r\n\r\n|\n\n/).filter((event) => event !== '').length, bytes: captured.body.length, writes: captured.groups.length };
      },
      answered: () => upstream.answered(),
    },
    stop: () => upstream.close(),
  };
});
