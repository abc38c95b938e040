/**
 * Open N streaming chat completions at once and hold them: record when each gets its first byte
 * and when it ends (with `data: [DONE]` or not), and sample the gateway's RSS meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { createPool, percentile, readCpuMs, readMemory } from './load.js';

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
  preconnected: boolean;
  /** Time to open the N connections before the streams (preconnect only). */
  preconnectMs: number;
  msToAllFirstBytes: number;
  /** Time to first byte of the streams (opened all at once), ms. */
  ttfbP50Ms: number;
  ttfbP90Ms: number;
  /** CPU time used during the run (user + system), ms. */
  cpuMs: { gateway: number; fake: number; client: number };
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
  fakePid: number;
  streams: number;
  /**
   * Open the N client connections first (N concurrent GET /healthz), so the streams start on
   * connections the gateway has already accepted. Node (libuv >= 1.45) accepts one connection
   * per event-loop iteration; with a cold start the last connections wait in the accept queue
   * while the first streams keep the loop busy.
   */
  preconnect: boolean;
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
    preconnected: options.preconnect,
    preconnectMs: Number.NaN,
    msToAllFirstBytes: Number.NaN,
    ttfbP50Ms: Number.NaN,
    ttfbP90Ms: Number.NaN,
    cpuMs: { gateway: 0, fake: 0, client: 0 },
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

  if (options.preconnect) {
    const opening = performance.now();
    await Promise.all(
      Array.from({ length: streams }, async () => {
        const { body } = await pool.request({ path: '/healthz', method: 'GET', headers: { authorization: headers.authorization } });
        await body.dump();
      }),
    );
    result.preconnectMs = Math.round(performance.now() - opening);
  }

  const ttfb: number[] = [];
  const cpuBefore = { gateway: readCpuMs(gatewayPid), fake: readCpuMs(options.fakePid), client: process.cpuUsage() };
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
          ttfb.push(performance.now() - began);
          open += 1;
          if (open > result.maxOpen) result.maxOpen = open;
          if (result.started === streams) {
            result.msToAllFirstBytes = Math.round(performance.now() - began);
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
    result.msToAllDone = Math.round(performance.now() - began);
  } finally {
    clearInterval(sampler);
    clearInterval(poller);
    await pool.close();
  }
  sample();
  const client = process.cpuUsage(cpuBefore.client);
  result.cpuMs = {
    gateway: Math.round(readCpuMs(gatewayPid) - cpuBefore.gateway),
    fake: Math.round(readCpuMs(options.fakePid) - cpuBefore.fake),
    client: Math.round((client.user + client.system) / 1000),
  };
  ttfb.sort((a, b) => a - b);
  result.ttfbP50Ms = Math.round(percentile(ttfb, 50));
  result.ttfbP90Ms = Math.round(percentile(ttfb, 90));
  result.rssPeakMb = mb(peakRss);
  result.hwmMb = mb(readMemory(gatewayPid).hwm);
  return result;
}
