/**
 * Load generator: a fixed number of requests in flight over keep-alive connections, each timed
 * from send to the last byte of its body (and to its first body byte), for a fixed duration.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface Target {
  name: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Text the body must contain for the answer to count as complete (checked across chunk boundaries). */
  marker: string;
}

export interface Sample {
  ok: number;
  errors: number;
  firstError?: string;
  /** Time of the measured window: from the first send to the last answer. */
  elapsedMs: number;
  latencyMs: number[];
  ttfbMs: number[];
}

export interface Summary {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  ttfbP50: number;
  ttfbP99: number;
}

export function createPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 120_000 });
}

/** One request; resolves with its timings or throws with what went wrong. */
export async function timedRequest(pool: Pool, target: Target): Promise<{ latencyMs: number; ttfbMs: number; bytes: number }> {
  const started = performance.now();
  const { statusCode, body } = await pool.request({ path: target.path, method: 'POST', headers: target.headers, body: target.body });
  let firstByte = -1;
  let bytes = 0;
  let found = false;
  let tail = '';
  let errorText = '';
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (firstByte < 0) firstByte = performance.now();
    bytes += chunk.length;
    if (statusCode !== 200) {
      if (errorText.length < 300) errorText += chunk.toString('utf8');
      continue;
    }
    if (!found) {
      const text = tail + chunk.toString('latin1');
      found = text.includes(target.marker);
      tail = text.slice(-target.marker.length);
    }
  }
  const ended = performance.now();
  if (statusCode !== 200) throw new Error(`HTTP ${statusCode}: ${errorText.slice(0, 300)}`);
  if (!found) throw new Error(`answer without ${JSON.stringify(target.marker)} (${bytes} bytes)`);
  return { latencyMs: ended - started, ttfbMs: (firstByte < 0 ? ended : firstByte) - started, bytes };
}

/**
 * `concurrency` workers send back to back until `durationMs` has passed and, if given, `minRequests`
 * have been answered (but no longer than `maxMs`); the answers in flight then still count.
 */
export async function runClosedLoop(
  pool: Pool,
  target: Target,
  options: { concurrency: number; durationMs: number; minRequests?: number; maxMs?: number },
): Promise<Sample> {
  const sample: Sample = { ok: 0, errors: 0, elapsedMs: 0, latencyMs: [], ttfbMs: [] };
  const started = performance.now();
  const deadline = started + options.durationMs;
  const hardDeadline = started + Math.max(options.durationMs, options.maxMs ?? 0);
  const minRequests = options.minRequests ?? 0;
  let lastEnd = started;
  const going = (): boolean => {
    const now = performance.now();
    return now < deadline || (sample.ok + sample.errors < minRequests && now < hardDeadline);
  };
  const worker = async (): Promise<void> => {
    while (going()) {
      try {
        const result = await timedRequest(pool, target);
        sample.ok += 1;
        sample.latencyMs.push(result.latencyMs);
        sample.ttfbMs.push(result.ttfbMs);
      } catch (error) {
        sample.errors += 1;
        sample.firstError ??= error instanceof Error ? error.message : String(error);
      }
      lastEnd = performance.now();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  sample.elapsedMs = lastEnd - started;
  return sample;
}

export function mergeSamples(samples: Sample[]): Sample {
  const merged: Sample = { ok: 0, errors: 0, elapsedMs: 0, latencyMs: [], ttfbMs: [] };
  for (const sample of samples) {
    merged.ok += sample.ok;
    merged.errors += sample.errors;
    merged.firstError ??= sample.firstError;
    merged.elapsedMs += sample.elapsedMs;
    for (const value of sample.latencyMs) merged.latencyMs.push(value);
    for (const value of sample.ttfbMs) merged.ttfbMs.push(value);
  }
  return merged;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(sample: Sample): Summary {
  const latency = [...sample.latencyMs].sort((a, b) => a - b);
  const ttfb = [...sample.ttfbMs].sort((a, b) => a - b);
  const mean = latency.reduce((sum, value) => sum + value, 0) / Math.max(1, latency.length);
  const ms = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    requests: sample.ok,
    errors: sample.errors,
    rps: Math.round((sample.elapsedMs > 0 ? (sample.ok * 1000) / sample.elapsedMs : 0) * 10) / 10,
    p50: ms(percentile(latency, 50)),
    p99: ms(percentile(latency, 99)),
    mean: ms(mean),
    ttfbP50: ms(percentile(ttfb, 50)),
    ttfbP99: ms(percentile(ttfb, 99)),
  };
}

// ------------------------------------------------------------------------------- /proc readings

/** Resident set size of a process, from /proc (kB -> bytes); VmHWM is its peak so far. */
export function readMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux build Node supports. */
const clockTicks = 100;

/** CPU time (user + system) a process has used so far, in ms (10 ms resolution). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the `(comm)`, which may contain spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Read and write system calls a process has made so far (`syscr`/`syscw` of /proc/<pid>/io). */
export function readSyscalls(pid: number): { reads: number; writes: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
  return { reads: field('syscr'), writes: field('syscw') };
}

/** The soft and hard open-file limits this process (and its children) run with. */
export function readOpenFileLimit(): { soft: string; hard: string } {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  return { soft: match?.[1] ?? '?', hard: match?.[2] ?? '?' };
}
