/**
 * Open N streaming chat completions at once and hold them: record when each gets its first byte
 * and when it ends (with `data: [DONE]` or not), and sample the gateway's RSS meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { createPool, readMemory } from './load.js';

export interface HoldResult {
  streams: number;
  /** Streams that got a first byte. */
  started: number;
  /** Streams that ended with `data: [DONE]`. */
  completed: number;
  failed: number;
  firstError?: string;
  /** Most streams open at once (first byte received, not yet ended). */
  maxOpen: number;
  /** Streams still open when the last one got its first byte (N means all were held at once). */
  openWhenAllStarted: number;
  msToAllFirstBytes: number;
  msToAllDone: number;
  rssBeforeMb: number;
  rssWhenAllOpenMb: number;
  /** Highest sample (every 50 ms) of VmRSS during the run. */
  rssPeakMb: number;
  /** The kernel's VmHWM of the gateway process after the run (its lifetime peak). */
  hwmMb: number;
  /** The gateway's own process.memoryUsage() (MB) at the sample with the highest RSS (polled over IPC every 250 ms). */
  memoryAtPeakMb?: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function holdStreams(options: {
  origin: string;
  apiKey: string;
  gatewayPid: number;
  streams: number;
  /** The gateway's process.memoryUsage(), asked over IPC. */
  memoryUsage?: () => Promise<NodeJS.MemoryUsage>;
}): Promise<HoldResult> {
  const { streams, gatewayPid } = options;
  const pool = createPool(options.origin, streams);
  const body = JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` };
  const marker = 'data: [DONE]';

  const result: HoldResult = {
    streams,
    started: 0,
    completed: 0,
    failed: 0,
    maxOpen: 0,
    openWhenAllStarted: 0,
    msToAllFirstBytes: Number.NaN,
    msToAllDone: Number.NaN,
    rssBeforeMb: mb(readMemory(gatewayPid).rss),
    rssWhenAllOpenMb: Number.NaN,
    rssPeakMb: 0,
    hwmMb: 0,
  };
  let open = 0;
  let peakRss = 0;
  const sample = (): number => {
    try {
      const { rss } = readMemory(gatewayPid);
      if (rss > peakRss) peakRss = rss;
      return rss;
    } catch {
      return Number.NaN;
    }
  };
  const sampler = setInterval(sample, 50);
  let polling = false;
  const poller = setInterval(() => {
    if (options.memoryUsage === undefined || polling) return;
    polling = true;
    options
      .memoryUsage()
      .then((usage) => {
        if (result.memoryAtPeakMb === undefined || usage.rss > result.memoryAtPeakMb.rss * 1024 * 1024) {
          result.memoryAtPeakMb = {
            rss: mb(usage.rss),
            heapTotal: mb(usage.heapTotal),
            heapUsed: mb(usage.heapUsed),
            external: mb(usage.external),
            arrayBuffers: mb(usage.arrayBuffers),
          };
        }
      })
      .catch(() => {})
      .finally(() => {
        polling = false;
      });
  }, 250);

  const began = performance.now();
  const one = async (): Promise<void> => {
    let counted = false;
    try {
      const response = await pool.request({ path: '/v1/chat/completions', method: 'POST', headers, body });
      let found = false;
      let tail = '';
      let errorText = '';
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (!counted) {
          counted = true;
          result.started += 1;
          open += 1;
          if (open > result.maxOpen) result.maxOpen = open;
          if (result.started === streams) {
            result.msToAllFirstBytes = performance.now() - began;
            result.openWhenAllStarted = open;
            result.rssWhenAllOpenMb = mb(sample());
          }
        }
        const text = tail + chunk.toString('latin1');
        if (response.statusCode !== 200 && errorText.length < 300) errorText += text;
        if (!found && text.includes(marker)) found = true;
        tail = text.slice(-marker.length);
      }
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${errorText.slice(0, 300)}`);
      if (!found) throw new Error('stream ended without data: [DONE]');
      result.completed += 1;
    } catch (error) {
      result.failed += 1;
      result.firstError ??= error instanceof Error ? error.message : String(error);
    } finally {
      if (counted) open -= 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: streams }, one));
    result.msToAllDone = performance.now() - began;
  } finally {
    clearInterval(sampler);
    clearInterval(poller);
    await pool.close();
  }
  sample();
  result.rssPeakMb = mb(peakRss);
  result.hwmMb = mb(readMemory(gatewayPid).hwm);
  return result;
}
