/**
 * `npm run bench:logging` (issue 7): what the request log costs. The same gateway runs twice
 * against the fake Google, once with `proxy.enable_logging` off and once on (every request then
 * becomes a row in `<data dir>/skyport.db`), each in its own process and with a fresh data dir.
 *
 * For each, non-streaming chat completions are sent at a fixed rate (open loop: request i leaves
 * at t0 + i/rate whether or not the earlier ones are back, and its latency counts from that
 * planned time, so a stalled gateway cannot hide its queue). Reported: achieved throughput,
 * p50/p99 latency, the gateway's CPU time per request (from /proc), then the most it can do with
 * a fixed number of requests in flight. Rounds alternate the order (off/on, on/off) so a machine
 * that warms up or slows down does not favour one side. Last, the recording path alone, in
 * process: `record()` for many finished requests, then the batched write, in µs per request;
 * that figure does not depend on how busy the machine is.
 *
 *   npm run bench:logging -- [--rate 500] [--duration 5] [--warmup 2] [--rounds 2]
 *                            [--max-concurrency 16] [--max-duration 3] [--connections 64]
 *
 * Target: logging off -> on keeps >= 95 % of the throughput at 500 req/s. Exit code 0 either way
 * (the verdict is printed); 1 only when the benchmark itself breaks.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Pool } from 'undici';
import { createDefaultSettings } from '../proxy-core/config/settings-schema.js';
import { createGatewayEventBus } from '../proxy-core/events/gateway-event-bus.js';
import { createRequestMonitor } from '../proxy-core/monitor/create-request-monitor.js';
import { completedRequest } from '../proxy-core/monitor/testing/completed-request-fixture.js';
import { startChild, type ChildHandle } from './child-ipc.js';
import type { FakeInfo } from './fake-upstream-server.js';
import { createPool, percentile, readCpuMs, runClosedLoop, summarize, type Target } from './load.js';
import type { LoggingGatewayInfo } from './logging-gateway-server.js';

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    'max-concurrency': { type: 'string', default: '16' },
    'max-duration': { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
  },
});
const num = (name: keyof typeof flags): number => {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
};
const config = {
  rate: num('rate'),
  durationMs: num('duration') * 1000,
  warmupMs: num('warmup') * 1000,
  rounds: Math.max(1, Math.round(num('rounds'))),
  maxConcurrency: num('max-concurrency'),
  maxDurationMs: num('max-duration') * 1000,
  connections: Math.max(1, Math.round(num('connections'))),
};
const maxOverhead = 0.05;

interface OpenLoopSample {
  sent: number;
  ok: number;
  errors: number;
  firstError?: string;
  /** From the first planned send to the last answer. */
  elapsedMs: number;
  latencyMs: number[];
}

async function send(pool: Pool, target: Target): Promise<void> {
  const { statusCode, body } = await pool.request({ path: target.path, method: 'POST', headers: target.headers, body: target.body });
  const text = await body.text();
  if (statusCode !== 200) throw new Error(`HTTP ${statusCode}: ${text.slice(0, 200)}`);
  if (!text.includes(target.marker)) throw new Error(`answer without ${JSON.stringify(target.marker)}`);
}

/** `rate` requests a second for `durationMs`, each timed from when it was due to leave. */
async function runOpenLoop(pool: Pool, target: Target, rate: number, durationMs: number): Promise<OpenLoopSample> {
  const total = Math.round((rate * durationMs) / 1000);
  const intervalMs = 1000 / rate;
  const sample: OpenLoopSample = { sent: 0, ok: 0, errors: 0, elapsedMs: 0, latencyMs: [] };
  const started = performance.now();
  let lastEnd = started;
  const pending: Array<Promise<void>> = [];
  const one = async (due: number) => {
    try {
      await send(pool, target);
      sample.ok += 1;
      sample.latencyMs.push(performance.now() - due);
    } catch (error) {
      sample.errors += 1;
      sample.firstError ??= error instanceof Error ? error.message : String(error);
    }
    lastEnd = Math.max(lastEnd, performance.now());
  };
  while (sample.sent < total) {
    // Everything already due leaves now (timers are coarser than 2 ms), then sleep to the next one.
    const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
    while (sample.sent < due) {
      pending.push(one(started + sample.sent * intervalMs));
      sample.sent += 1;
    }
    const wait = started + sample.sent * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(pending);
  sample.elapsedMs = lastEnd - started;
  return sample;
}

interface ModeRun {
  logging: boolean;
  fixed: OpenLoopSample;
  cpuMs: number;
  maxRps: number;
  logged: number;
}

async function runMode(fake: ChildHandle<FakeInfo>, refreshToken: string, logging: boolean): Promise<ModeRun> {
  const gateway = await startChild<LoggingGatewayInfo>(`gateway (logging ${logging ? 'on' : 'off'})`, 'logging-gateway-server.ts', {
    env: {
      BENCH_FAKE_BASE_URL: fake.info.baseUrl,
      BENCH_FAKE_TOKEN_URL: fake.info.tokenUrl,
      BENCH_FAKE_USERINFO_URL: fake.info.userinfoUrl,
      BENCH_REFRESH_TOKENS: refreshToken,
      BENCH_ENABLE_LOGGING: String(logging),
    },
    discardStderr: process.env.BENCH_GATEWAY_STDERR !== '1',
  });
  const pool = createPool(gateway.info.origin, config.connections);
  try {
    const target: Target = {
      name: 'gateway',
      origin: gateway.info.origin,
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.info.apiKey}` },
      body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Say hi in five words' }] }),
      marker: '"object":"chat.completion"',
    };
    await runOpenLoop(pool, target, config.rate, config.warmupMs);
    const cpuBefore = readCpuMs(gateway.pid);
    const fixed = await runOpenLoop(pool, target, config.rate, config.durationMs);
    const cpuMs = readCpuMs(gateway.pid) - cpuBefore;
    const max = config.maxDurationMs > 0 ? summarize(await runClosedLoop(pool, target, { concurrency: config.maxConcurrency, durationMs: config.maxDurationMs })).rps : 0;
    const logged = await gateway.call<number>('loggedRequests');
    return { logging, fixed, cpuMs, maxRps: max, logged };
  } finally {
    await pool.close();
    await gateway.stop();
  }
}

interface ModeFigures {
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  gatewayCpuPercent: number;
  maxRps: number;
  loggedRows: number;
}

function combine(runs: readonly ModeRun[]): ModeFigures {
  const latency = runs.flatMap((run) => run.fixed.latencyMs).sort((a, b) => a - b);
  const ok = runs.reduce((sum, run) => sum + run.fixed.ok, 0);
  const elapsedMs = runs.reduce((sum, run) => sum + run.fixed.elapsedMs, 0);
  const cpuMs = runs.reduce((sum, run) => sum + run.cpuMs, 0);
  const firstError = runs.find((run) => run.fixed.firstError !== undefined)?.fixed.firstError;
  return {
    requests: ok,
    errors: runs.reduce((sum, run) => sum + run.fixed.errors, 0),
    ...(firstError === undefined ? {} : { firstError }),
    rps: elapsedMs > 0 ? (ok * 1000) / elapsedMs : 0,
    p50: percentile(latency, 50),
    p99: percentile(latency, 99),
    cpuMsPerRequest: ok > 0 ? cpuMs / ok : Number.NaN,
    gatewayCpuPercent: elapsedMs > 0 ? (cpuMs / elapsedMs) * 100 : 0,
    maxRps: runs.reduce((sum, run) => sum + run.maxRps, 0) / runs.length,
    loggedRows: runs.reduce((sum, run) => sum + run.logged, 0),
  };
}

/** The request-complete hook and the batched write, timed in this process on a real file. */
async function measureRecordingPath(count: number): Promise<{ recordUs: number; writeUs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'skyport-bench-record-'));
  const settings = createDefaultSettings();
  const noTimers = { setInterval: () => 0, clearInterval: () => {}, defer: () => {} };
  const monitor = await createRequestMonitor({
    databasePath: join(dir, 'skyport.db'),
    settings: () => settings,
    accounts: () => [],
    events: createGatewayEventBus(),
    logger: { debug: () => {}, warn: console.warn, error: console.error },
    now: Date.now,
    version: 'bench',
    writer: { timers: noTimers },
  });
  try {
    const batch = 500;
    const requests = Array.from({ length: count }, () => completedRequest({ state: { requestId: `req_${randomUUID().replaceAll('-', '')}` } }));
    let recordMs = 0;
    let writeMs = 0;
    for (let start = 0; start < count; start += batch) {
      const began = performance.now();
      for (const completed of requests.slice(start, start + batch)) monitor.record(completed);
      const recorded = performance.now();
      monitor.flush();
      recordMs += recorded - began;
      writeMs += performance.now() - recorded;
    }
    return { recordUs: (recordMs * 1000) / count, writeUs: (writeMs * 1000) / count };
  } finally {
    monitor.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

async function main(): Promise<void> {
  console.log(
    `Request-log cost: ${config.rate} req/s for ${config.durationMs / 1000} s (after ${config.warmupMs / 1000} s warm-up), ` +
      `${config.rounds} round(s) per mode; then ${config.maxConcurrency} in flight for ${config.maxDurationMs / 1000} s.`,
  );
  const fake = await startChild<FakeInfo>('fake-google', 'fake-upstream-server.ts');
  const account = { email: 'bench-logging@example.com', refreshToken: `1//bench-logging-${Date.now()}`, projectId: 'bench-logging', tier: 'standard-tier' };
  await fake.call('addAccount', account);
  const runs: ModeRun[] = [];
  try {
    for (let round = 0; round < config.rounds; round += 1) {
      for (const logging of round % 2 === 0 ? [false, true] : [true, false]) {
        const run = await runMode(fake, account.refreshToken, logging);
        runs.push(run);
        const figures = combine([run]);
        console.log(
          `  round ${round + 1}, logging ${logging ? 'on ' : 'off'}: ${round1(figures.rps)} req/s, p50 ${round2(figures.p50)} ms, p99 ${round2(figures.p99)} ms, ` +
            `gateway CPU ${round3(figures.cpuMsPerRequest)} ms/request, max ${round1(figures.maxRps)} req/s, rows ${run.logged}, errors ${figures.errors}`,
        );
      }
    }
  } finally {
    await fake.stop();
  }

  const off = combine(runs.filter((run) => !run.logging));
  const on = combine(runs.filter((run) => run.logging));
  const throughputRatio = on.rps / off.rps;
  const cpuOverhead = on.cpuMsPerRequest / off.cpuMsPerRequest - 1;
  const maxRatio = off.maxRps > 0 ? on.maxRps / off.maxRps : Number.NaN;
  const rows: Array<[string, string, string, string]> = [
    ['', 'logging off', 'logging on', 'on / off'],
    ['throughput at fixed rate (req/s)', String(round1(off.rps)), String(round1(on.rps)), String(round3(throughputRatio))],
    ['p50 latency (ms)', String(round2(off.p50)), String(round2(on.p50)), String(round2(on.p50 / off.p50))],
    ['p99 latency (ms)', String(round2(off.p99)), String(round2(on.p99)), String(round2(on.p99 / off.p99))],
    ['gateway CPU per request (ms)', String(round3(off.cpuMsPerRequest)), String(round3(on.cpuMsPerRequest)), String(round3(1 + cpuOverhead))],
    ['gateway CPU use (% of one core)', String(round1(off.gatewayCpuPercent)), String(round1(on.gatewayCpuPercent)), ''],
    [`max throughput, ${config.maxConcurrency} in flight (req/s)`, String(round1(off.maxRps)), String(round1(on.maxRps)), String(round3(maxRatio))],
    ['requests answered / errors', `${off.requests} / ${off.errors}`, `${on.requests} / ${on.errors}`, ''],
    ['rows in the request log', String(off.loggedRows), String(on.loggedRows), ''],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  console.log('');
  for (const figures of [off, on]) if (figures.firstError !== undefined) console.log(`first error: ${figures.firstError}`);

  const path = await measureRecordingPath(50_000);
  console.log(
    `Recording path in process (50,000 requests, batches of 500): record() ${round2(path.recordUs)} µs/request, ` +
      `batched write ${round2(path.writeUs)} µs/request, ${round1(((path.recordUs + path.writeUs) / 1000 / off.cpuMsPerRequest) * 100)} % of the gateway's CPU per request.`,
  );
  const met = off.errors === 0 && on.errors === 0 && throughputRatio >= 1 - maxOverhead && on.loggedRows > 0 && off.loggedRows === 0;
  console.log(
    met
      ? `TARGET MET: logging keeps ${round1(throughputRatio * 100)} % of the throughput at ${config.rate} req/s (>= ${100 - maxOverhead * 100} %); ` +
          `it adds ${round1(cpuOverhead * 100)} % gateway CPU per request.`
      : `MISSED: throughput ratio ${round3(throughputRatio)} (target >= ${1 - maxOverhead}), errors off/on ${off.errors}/${on.errors}, rows off/on ${off.loggedRows}/${on.loggedRows}.`,
  );
  console.log(JSON.stringify({ config, off, on, throughputRatio, cpuOverhead, maxRatio, recordingPath: path, met }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
