/**
 * `npm run bench` (issue "Gateway foundation", item 9; issue 18, item 7): an upstream (by default the
 * cheap one, answering from bytes recorded from the fake Google; `--upstream fake` for the fake
 * itself), a bare Node pass-through proxy and the real gateway, each in its own process; chat
 * completions at a fixed concurrency against (a) the upstream called directly, (b) the bare proxy in
 * front of it, (c) the gateway; the headline is the gateway's CPU per request over the bare proxy's.
 * Then N streams held open at once through the gateway while its RSS is sampled. See bench/README.md.
 *
 *   npm run bench -- [--upstream cheap|fake] [--concurrency 16] [--rounds 3] [--duration 3] [--warmup 2] [--warmup-requests 3000]
 *                    [--streams 1000] [--stream-delay 20] [--stream-events 150] [--skip-hold] [--profile]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BareProxyInfo } from './bare-proxy.js';
import type { CaptureSummary } from './cheap-upstream-server.js';
import { startChild, type ChildHandle } from './child-ipc.js';
import { holdStreams, type HoldResult } from './hold-streams.js';
import { parseUpstreamKind, startBenchUpstream, upstreamCallOf } from './start-bench-upstream.js';
import { benchAccount, gatewayChatTarget, startFakeWithAccount, startGatewayChild } from './start-gateway-child.js';
import {
  createPool,
  mergeSamples,
  readCpuMs,
  readSyscalls,
  readMemory,
  readOpenFileLimit,
  runClosedLoop,
  summarize,
  timedRequest,
  type Sample,
  type Summary,
  type Target,
} from './load.js';
import {
  formatAllocationSummary,
  formatSummary,
  summarizeAllocations,
  summarizeProfile,
  type AllocationProfile,
  type AllocationSummary,
  type CpuProfile,
  type ProfileSummary,
} from './summarize-cpuprofile.js';

// ------------------------------------------------------------------------------------- options

const { values: flags } = parseArgs({
  options: {
    upstream: { type: 'string', default: 'cheap' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    'warmup-requests': { type: 'string', default: '3000' },
    'serial-duration': { type: 'string', default: '2' },
    streams: { type: 'string', default: '1000' },
    'stream-delay': { type: 'string', default: '20' },
    'stream-events': { type: 'string', default: '150' },
    'skip-hold': { type: 'boolean', default: false },
    'cold-connect': { type: 'boolean', default: false },
    'skip-throughput': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    // The same V8 flag `npm run serve` runs with (see README, "Benchmarks").
    'gateway-node-flags': { type: 'string', default: '--no-allocation-site-pretenuring' },
  },
});
const num = (name: keyof typeof flags): number => {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
};
const config = {
  /** What the throughput part's proxies call: the cheap upstream (recorded bytes) or the fake Google. */
  upstream: parseUpstreamKind(flags.upstream),
  concurrency: num('concurrency'),
  rounds: num('rounds'),
  durationMs: num('duration') * 1000,
  warmupMs: num('warmup') * 1000,
  /**
   * Warm-up also lasts until this many requests per target (up to 60 s): V8 optimizes a function after enough calls, not
   * after enough seconds, and on a crowded box a 2 s warm-up left the gateway's code half compiled (perf showed TurboFan
   * compiling and baseline code on the request path in the measured rounds).
   */
  warmupRequests: num('warmup-requests'),
  serialMs: num('serial-duration') * 1000,
  streams: num('streams'),
  streamDelayMs: num('stream-delay'),
  streamEvents: num('stream-events'),
  hold: flags['skip-hold'] !== true,
  /** Open the hold test's client connections together with the streams instead of before them. */
  coldConnect: flags['cold-connect'] === true,
  throughput: flags['skip-throughput'] !== true,
  profile: flags.profile === true,
  /** Extra node flags for the gateway process only (e.g. "--max-semi-space-size=32"). */
  gatewayNodeFlags: (flags['gateway-node-flags'] ?? '').split(' ').filter((flag) => flag !== ''),
};

// Issue 18, item 7. The CPU ratio is the headline: it does not depend on how the shared cores are divided.
const targets = { cpuRatio: 1.3, throughputRatio: 0.8, addedP50Ms: 1, holdRssMb: 200 };
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const profileDir = join(benchDir, 'profiles');

// ----------------------------------------------------------------------------------- helpers

const log = (line = ''): void => console.log(line);
const round1 = (value: number): number => Math.round(value * 10) / 10;
const round2 = (value: number): number => Math.round(value * 100) / 100;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const verdict = (ok: boolean): string => (ok ? 'ok' : '<<< MISSED');

async function startWorld(chunkDelayMs: number, withBare: boolean, upstreamKind: 'cheap' | 'fake') {
  const account = benchAccount();
  const fake = await startFakeWithAccount(chunkDelayMs, account);
  const upstream = await startBenchUpstream(upstreamKind, fake);
  const bare = withBare
    ? await startChild<BareProxyInfo>('bare-proxy', 'bare-proxy.ts', { env: { BENCH_UPSTREAM_ORIGIN: new URL(upstream.baseUrl).origin } })
    : undefined;
  const gateway = await startGatewayChild(fake, account, { nodeFlags: config.gatewayNodeFlags, upstreamBaseUrl: upstream.baseUrl });
  return { fake, upstream, bare, gateway, account };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

// ------------------------------------------------------------------------------ throughput part

interface TargetFigures extends Summary {
  /** req/s of each measured round, in order (to see the noise). */
  roundRps: number[];
  /** CPU the proxy process (bare proxy or gateway; the upstream for direct) used per answered request, µs. */
  serverCpuUsPerRequest: number;
  /** The same, unrounded (the CPU ratio is computed from it). */
  serverCpuUsExact: number;
  /** CPU the upstream (cheap upstream or fake) used per answered request, µs. */
  upstreamCpuUsPerRequest: number;
  /** CPU this process, the load generator, used per answered request, µs. */
  clientCpuUsPerRequest: number;
  /** Read and write system calls of the proxy process (the fake for direct) per answered request. */
  serverSyscallsPerRequest: { reads: number; writes: number };
  firstError?: string;
}

interface ScenarioFigures {
  scenario: 'non-streaming' | 'streaming';
  direct: TargetFigures;
  bare: TargetFigures;
  gateway: TargetFigures;
  /** The headline: gateway CPU per request ÷ bare-proxy CPU per request, same run. */
  gatewayOverBareCpu: number;
  cpuOk: boolean;
  gatewayOverBareThroughput: number;
  addedP50Ms: number;
  addedP99Ms: number;
  addedTtfbP50Ms: number;
  throughputOk: boolean;
  latencyOk: boolean;
  /** One request at a time (no queueing): the latency each hop adds by itself. Informational. */
  serial?: { direct: Summary; bare: Summary; gateway: Summary; addedP50Ms: number; addedP99Ms: number };
  profile?: { file: string; summary: ProfileSummary };
}

interface ThroughputFigures {
  upstream: 'cheap' | 'fake';
  /** What the cheap upstream recorded from the fake and answers with (cheap upstream only). */
  captured?: CaptureSummary;
  scenarios: ScenarioFigures[];
  gatewayRssAfterMb: number;
  gatewayHeapUsedMb: number;
}

async function runThroughput(): Promise<ThroughputFigures> {
  const world = await startWorld(0, true, config.upstream);
  try {
    const { fake, gateway, upstream } = world;
    const bare = world.bare!;
    const gatewayTargets = {
      'non-streaming': gatewayChatTarget('gateway', gateway.info, false),
      streaming: gatewayChatTarget('gateway', gateway.info, true),
    } satisfies Record<string, Target>;

    // One real gateway call (through to the fake); what it sent upstream is the body the direct and bare targets send.
    const sanityPool = createPool(gateway.info.origin, 1);
    await timedRequest(sanityPool, gatewayTargets['non-streaming']);
    await timedRequest(sanityPool, gatewayTargets.streaming);
    const call = await upstreamCallOf(fake, world.account.refreshToken);
    // The cheap upstream records the fake's answer to that call and answers every later one with it.
    const captured = await upstream.arm(call);
    if (captured !== undefined) {
      await timedRequest(sanityPool, gatewayTargets['non-streaming']);
      await timedRequest(sanityPool, gatewayTargets.streaming);
      const answered = await upstream.handle.call<number>('answered');
      if (answered !== 2) throw new Error(`the cheap upstream answered ${answered} of the gateway's 2 calls after the capture`);
    }
    await sanityPool.close();
    const direct: Target = { name: 'direct', origin: new URL(upstream.baseUrl).origin, ...call };
    const bareTarget: Target = { name: 'bare', origin: bare.info.origin, ...call };

    const pools = new Map([direct, bareTarget, gatewayTargets.streaming].map((target) => [target.origin, createPool(target.origin, config.concurrency)]));
    const serverOf: Record<string, ChildHandle> = { direct: upstream.handle, bare, gateway };
    const scenarios: ScenarioFigures[] = [];
    try {
      for (const scenario of ['non-streaming', 'streaming'] as const) {
        const order: Target[] = [direct, bareTarget, gatewayTargets[scenario]];
        for (const target of order) {
          await runClosedLoop(pools.get(target.origin)!, target, { concurrency: config.concurrency, durationMs: config.warmupMs, minRequests: config.warmupRequests, maxMs: 60_000 });
        }
        if (config.profile) await gateway.call('profileStart');
        const samples = new Map<string, Sample[]>(order.map((target) => [target.name, []]));
        const cpu = new Map<string, { server: number; upstream: number; client: number; reads: number; writes: number }>(
          order.map((target) => [target.name, { server: 0, upstream: 0, client: 0, reads: 0, writes: 0 }]),
        );
        // Same order every round, rounds interleaved, so drift hits every target alike.
        for (let roundIndex = 0; roundIndex < config.rounds; roundIndex += 1) {
          for (const target of order) {
            const server = serverOf[target.name]!;
            const serverBefore = readCpuMs(server.pid);
            const upstreamBefore = readCpuMs(upstream.handle.pid);
            const callsBefore = readSyscalls(server.pid);
            const clientBefore = process.cpuUsage();
            const sample = await runClosedLoop(pools.get(target.origin)!, target, { concurrency: config.concurrency, durationMs: config.durationMs });
            const used = cpu.get(target.name)!;
            const clientUsed = process.cpuUsage(clientBefore);
            used.client += (clientUsed.user + clientUsed.system) / 1000;
            used.server += readCpuMs(server.pid) - serverBefore;
            used.upstream += readCpuMs(upstream.handle.pid) - upstreamBefore;
            const callsAfter = readSyscalls(server.pid);
            used.reads += callsAfter.reads - callsBefore.reads;
            used.writes += callsAfter.writes - callsBefore.writes;
            samples.get(target.name)!.push(sample);
          }
        }
        let profile: ScenarioFigures['profile'];
        if (config.profile) {
          mkdirSync(profileDir, { recursive: true });
          const file = await gateway.call<string>('profileStop', join(profileDir, `gateway-${scenario}.cpuprofile`));
          profile = { file, summary: summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 20) };
        }
        let serial: ScenarioFigures['serial'];
        if (config.serialMs > 0) {
          const one = async (target: Target): Promise<Summary> =>
            summarize(await runClosedLoop(pools.get(target.origin)!, target, { concurrency: 1, durationMs: config.serialMs }));
          const [sd, sb, sg] = [await one(order[0]!), await one(order[1]!), await one(order[2]!)];
          serial = { direct: sd, bare: sb, gateway: sg, addedP50Ms: round3(sg.p50 - sb.p50), addedP99Ms: round3(sg.p99 - sb.p99) };
        }
        const figures = (name: string): TargetFigures => {
          const rounds = samples.get(name)!;
          const merged = mergeSamples(rounds);
          const used = cpu.get(name)!;
          const summary = summarize(merged);
          return {
            ...summary,
            roundRps: rounds.map((sample) => round1(sample.elapsedMs > 0 ? (sample.ok * 1000) / sample.elapsedMs : 0)),
            serverCpuUsPerRequest: Math.round((used.server * 1000) / Math.max(1, merged.ok)),
            serverCpuUsExact: (used.server * 1000) / Math.max(1, merged.ok),
            upstreamCpuUsPerRequest: Math.round((used.upstream * 1000) / Math.max(1, merged.ok)),
            clientCpuUsPerRequest: Math.round((used.client * 1000) / Math.max(1, merged.ok)),
            serverSyscallsPerRequest: { reads: round1(used.reads / Math.max(1, merged.ok)), writes: round1(used.writes / Math.max(1, merged.ok)) },
            ...(merged.firstError === undefined ? {} : { firstError: merged.firstError }),
          };
        };
        const d = figures('direct');
        const b = figures('bare');
        const g = figures('gateway');
        const ratio = g.rps / b.rps;
        const cpuRatio = g.serverCpuUsExact / b.serverCpuUsExact;
        const addedP50 = g.p50 - b.p50;
        scenarios.push({
          scenario,
          direct: d,
          bare: b,
          gateway: g,
          gatewayOverBareCpu: round3(cpuRatio),
          cpuOk: cpuRatio <= targets.cpuRatio,
          gatewayOverBareThroughput: round3(ratio),
          addedP50Ms: round3(addedP50),
          addedP99Ms: round3(g.p99 - b.p99),
          addedTtfbP50Ms: round3(g.ttfbP50 - b.ttfbP50),
          throughputOk: ratio >= targets.throughputRatio,
          latencyOk: addedP50 <= targets.addedP50Ms,
          ...(serial === undefined ? {} : { serial }),
          ...(profile === undefined ? {} : { profile }),
        });
      }
    } finally {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    }
    const memory = await gateway.call<NodeJS.MemoryUsage>('memory');
    return {
      upstream: upstream.kind,
      ...(captured === undefined ? {} : { captured }),
      scenarios,
      gatewayRssAfterMb: round1(readMemory(gateway.pid).rss / 1024 / 1024),
      gatewayHeapUsedMb: round1(memory.heapUsed / 1024 / 1024),
    };
  } finally {
    await Promise.all([world.gateway.stop(), world.bare?.stop(), world.upstream.stop(), world.fake.stop()]);
  }
}

// ------------------------------------------------------------------------------------ hold part

type HoldFigures = HoldResult & { ok: boolean; streamNominalMs: number; allocations?: { file: string; summary: AllocationSummary } };

async function runHold(): Promise<HoldFigures> {
  // The hold test needs the pauses between events, which only the fake makes.
  const world = await startWorld(config.streamDelayMs, false, 'fake');
  try {
    const { fake, gateway } = world;
    // A short call first so the account and connections are known to work.
    const pool = createPool(gateway.info.origin, 1);
    await timedRequest(pool, {
      name: 'gateway',
      origin: gateway.info.origin,
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.info.apiKey}` },
      body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], stream: true }),
      marker: 'data: [DONE]',
    });
    await pool.close();
    // The fake splits text into pieces of 3-8 characters (5.5 on average), one event each.
    const words = 'The quick brown fox jumps over the lazy dog while the gateway keeps a thousand streams open. ';
    const text = words.repeat(Math.ceil((config.streamEvents * 5.5) / words.length)).slice(0, Math.round(config.streamEvents * 5.5));
    await fake.call('setDefaultText', text);
    if (config.profile) await gateway.call('allocationStart');
    const result = await holdStreams({
      origin: gateway.info.origin,
      apiKey: gateway.info.apiKey,
      gatewayPid: gateway.pid,
      fakePid: fake.pid,
      streams: config.streams,
      preconnect: !config.coldConnect,
      memoryUsage: () => gateway.call<NodeJS.MemoryUsage>('memory'),
    });
    let allocations: { file: string; summary: AllocationSummary } | undefined;
    if (config.profile) {
      mkdirSync(profileDir, { recursive: true });
      const file = await gateway.call<string>('allocationStop', join(profileDir, 'gateway-hold.heapprofile'));
      allocations = { file, summary: summarizeAllocations(JSON.parse(readFileSync(file, 'utf8')) as AllocationProfile, 20) };
    }
    const ok =
      result.completed === config.streams && result.openWhenAllStarted === config.streams && Math.max(result.rssPeakMb, result.rssWhenAllOpenMb) < targets.holdRssMb;
    return { ...result, ok, streamNominalMs: config.streamEvents * config.streamDelayMs, ...(allocations === undefined ? {} : { allocations }) };
  } finally {
    await Promise.all([world.gateway.stop(), world.upstream.stop(), world.fake.stop()]);
  }
}

// --------------------------------------------------------------------------------------- report

function printScenario(figures: ScenarioFigures, upstream: string): void {
  const streaming = figures.scenario === 'streaming';
  log(
    streaming
      ? `STREAMING  (gateway: chat completion with stream:true; direct/bare: the same Cloud Code SSE call the gateway makes; upstream: ${upstream})`
      : `NON-STREAMING  (gateway: chat completion with stream:false; direct/bare: the same Cloud Code SSE call the gateway makes; upstream: ${upstream})`,
  );
  const header = `  ${'target'.padEnd(8)}${pad('requests', 9)}${pad('errors', 7)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${
    streaming ? `${pad('ttfb p50', 10)}${pad('ttfb p99', 10)}` : ''
  }${pad('proxy CPU/req', 16)}${pad('upstream CPU/req', 18)}${pad('client CPU/req', 16)}${pad('syscalls r/w', 14)}   req/s per round`;
  log(header);
  for (const name of ['direct', 'bare', 'gateway'] as const) {
    const row = figures[name];
    log(
      `  ${name.padEnd(8)}${pad(row.requests, 9)}${pad(row.errors, 7)}${pad(row.rps.toFixed(0), 9)}${pad(row.p50.toFixed(2), 9)}${pad(row.p99.toFixed(2), 9)}${
        streaming ? `${pad(row.ttfbP50.toFixed(2), 10)}${pad(row.ttfbP99.toFixed(2), 10)}` : ''
      }${pad(name === 'direct' ? '(none)' : `${row.serverCpuUsPerRequest} µs`, 16)}${pad(`${row.upstreamCpuUsPerRequest} µs`, 18)}${pad(`${row.clientCpuUsPerRequest} µs`, 16)}${pad(
        `${row.serverSyscallsPerRequest.reads.toFixed(1)}/${row.serverSyscallsPerRequest.writes.toFixed(1)}`,
        14,
      )}   ${row.roundRps.map((rps) => rps.toFixed(0)).join(' / ')}`,
    );
    if (row.firstError !== undefined) log(`           first error: ${row.firstError}`);
  }
  log(
    `  gateway/bare CPU per req ${figures.gatewayOverBareCpu.toFixed(2)}x   (target <= ${targets.cpuRatio}x)   ${verdict(figures.cpuOk)}   <- headline: ${figures.gateway.serverCpuUsPerRequest} µs / ${figures.bare.serverCpuUsPerRequest} µs`,
  );
  log(
    `  gateway/bare throughput  ${figures.gatewayOverBareThroughput.toFixed(2)}x   (target >= ${targets.throughputRatio}x)   ${verdict(figures.throughputOk)}   (wall clock: moves with whatever else runs on the box)`,
  );
  log(`  added p50 latency        ${figures.addedP50Ms >= 0 ? '+' : ''}${figures.addedP50Ms.toFixed(2)} ms   (target <= ${targets.addedP50Ms} ms)   ${verdict(figures.latencyOk)}`);
  log(`  added p99 latency        ${figures.addedP99Ms >= 0 ? '+' : ''}${figures.addedP99Ms.toFixed(2)} ms   (no target)`);
  if (streaming) log(`  added ttfb p50           ${figures.addedTtfbP50Ms >= 0 ? '+' : ''}${figures.addedTtfbP50Ms.toFixed(2)} ms   (no target)`);
  log(`  bare/direct throughput   ${(figures.bare.rps / figures.direct.rps).toFixed(2)}x   gateway/direct ${(figures.gateway.rps / figures.direct.rps).toFixed(2)}x`);
  if (figures.serial !== undefined) {
    const { direct, bare, gateway } = figures.serial;
    log(
      `  one at a time (info)     p50 direct ${direct.p50.toFixed(2)} / bare ${bare.p50.toFixed(2)} / gateway ${gateway.p50.toFixed(2)} ms` +
        `  ->  gateway adds ${figures.serial.addedP50Ms >= 0 ? '+' : ''}${figures.serial.addedP50Ms.toFixed(2)} ms p50, ${figures.serial.addedP99Ms >= 0 ? '+' : ''}${figures.serial.addedP99Ms.toFixed(2)} ms p99 over bare`,
    );
  }
  if (figures.profile !== undefined) {
    log();
    log(`  gateway CPU profile of the measured rounds: ${figures.profile.file}`);
    log(formatSummary(figures.profile.summary).replace(/^/gm, '    '));
  }
  log();
}

function printHold(hold: HoldFigures): void {
  log(`HOLD ${hold.streams} STREAMS  (one fresh gateway; fake pauses ${config.streamDelayMs} ms between ${config.streamEvents} events, ~${(hold.streamNominalMs / 1000).toFixed(1)} s per stream)`);
  log(
    hold.preconnected
      ? `  client connections         ${hold.streams} opened first (GET /healthz) in ${(hold.preconnectMs / 1000).toFixed(2)} s, then all streams sent at once`
      : `  client connections         opened together with the streams (--cold-connect)`,
  );
  log(`  first byte on all ${hold.streams}      ${(hold.msToAllFirstBytes / 1000).toFixed(2)} s after opening; ${hold.openWhenAllStarted} still open at that moment (most open at once: ${hold.maxOpen})`);
  log(`  time to first byte         p50 ${(hold.ttfbP50Ms / 1000).toFixed(2)} s, p90 ${(hold.ttfbP90Ms / 1000).toFixed(2)} s, last ${(hold.msToAllFirstBytes / 1000).toFixed(2)} s`);
  log(`  CPU used during the run    gateway ${(hold.cpuMs.gateway / 1000).toFixed(1)} s, fake ${(hold.cpuMs.fake / 1000).toFixed(1)} s, client ${(hold.cpuMs.client / 1000).toFixed(1)} s`);
  log(`  ended with [DONE]          ${hold.completed}/${hold.streams}   failed ${hold.failed}   all done after ${(hold.msToAllDone / 1000).toFixed(2)} s`);
  if (hold.firstError !== undefined) log(`  first error: ${hold.firstError}`);
  log(`  gateway RSS                before ${hold.rssBeforeMb} MB, all open ${hold.rssWhenAllOpenMb} MB, peak sampled ${hold.rssPeakMb} MB, VmHWM ${hold.hwmMb} MB`);
  const at = hold.memoryAtPeakMb;
  if (at !== undefined) {
    log(`  gateway memoryUsage() at its highest RSS: rss ${at.rss} MB = heap ${at.heapTotal} MB (used ${at.heapUsed}) + external ${at.external} MB (array buffers ${at.arrayBuffers}) + code/stacks/native`);
  }
  log(`  target: all ${hold.streams} held and completed with RSS < ${targets.holdRssMb} MB   ${verdict(hold.ok)}`);
  if (hold.allocations !== undefined) {
    log();
    log(`  gateway allocation profile of the run (sampling heap profiler; figures above include its overhead): ${hold.allocations.file}`);
    log(formatAllocationSummary(hold.allocations.summary).replace(/^/gm, '    '));
  }
  log();
}

// ----------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const files = readOpenFileLimit();
  const started = Date.now();
  const loadBefore = loadavg();
  log(`Skyport gateway benchmark   node ${process.version}, ${availableParallelism()} CPUs, open files ${files.soft} (hard ${files.hard}), load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`);
  log(
    `upstream ${config.upstream === 'cheap' ? 'cheap (answers from bytes recorded from the fake Google)' : 'the fake Google'}; ` +
      `concurrency ${config.concurrency}; per scenario ${config.warmupMs / 1000} s and >= ${config.warmupRequests} requests of warm-up per target, then ${config.rounds} rounds x ${config.durationMs / 1000} s per target (direct, bare, gateway in turn)` +
      (config.profile ? '; GATEWAY PROFILED (figures include profiler overhead)' : ''),
  );
  const softFiles = Number(files.soft);
  if (config.hold && Number.isFinite(softFiles) && softFiles < config.streams * 3 + 256) {
    log(`WARNING: ulimit -n ${files.soft} is low for ${config.streams} streams (client + gateway + fake need ~${config.streams * 3} fds across processes; each process has its own limit, ~${config.streams * 2} in the gateway)`);
  }
  log();

  const output: Record<string, unknown> = {
    node: process.version,
    cpus: availableParallelism(),
    openFilesSoft: files.soft,
    config,
    targets,
  };
  if (config.throughput) {
    const throughput = await runThroughput();
    if (throughput.captured !== undefined) {
      const { events, writes, bytes } = throughput.captured;
      log(`cheap upstream: answers every generation call with the fake's recorded answer (${events} SSE events, ${bytes} bytes, in ${writes} writes after the headers, as the fake writes them)`);
      log();
    }
    for (const figures of throughput.scenarios) printScenario(figures, throughput.upstream);
    log(`gateway after the throughput runs: RSS ${throughput.gatewayRssAfterMb} MB, heap used ${throughput.gatewayHeapUsedMb} MB`);
    log();
    output.throughput = {
      ...throughput,
      scenarios: throughput.scenarios.map((figures) => {
        const { profile, ...rest } = figures;
        return profile === undefined ? rest : { ...rest, profileFile: profile.file };
      }),
    };
  }
  if (config.hold) {
    const hold = await runHold();
    printHold(hold);
    const { allocations, ...holdFigures } = hold;
    output.hold = allocations === undefined ? holdFigures : { ...holdFigures, allocationProfileFile: allocations.file };
  }
  const scenarios = (output.throughput as { scenarios?: ScenarioFigures[] } | undefined)?.scenarios ?? [];
  const hold = output.hold as Omit<HoldFigures, 'allocations'> | undefined;
  const missed = [
    ...scenarios.flatMap((figures) => [
      ...(figures.cpuOk ? [] : [`${figures.scenario} CPU ratio`]),
      ...(figures.throughputOk ? [] : [`${figures.scenario} throughput`]),
      ...(figures.latencyOk ? [] : [`${figures.scenario} added p50`]),
    ]),
    ...(hold === undefined || hold.ok ? [] : ['hold streams']),
  ];
  output.missed = missed;
  output.seconds = round2((Date.now() - started) / 1000);
  output.loadAverage = { before: loadBefore, after: loadavg() };
  if (scenarios.length > 0) {
    log('HEADLINE (gateway ÷ bare proxy, same run)');
    for (const figures of scenarios) {
      log(
        `  ${figures.scenario.padEnd(14)} CPU per request ${figures.gatewayOverBareCpu.toFixed(2)}x   throughput ${figures.gatewayOverBareThroughput.toFixed(2)}x   added p50 ${figures.addedP50Ms >= 0 ? '+' : ''}${figures.addedP50Ms.toFixed(2)} ms`,
      );
    }
  }
  if (hold !== undefined) log(`  ${'hold'.padEnd(14)} ${hold.completed}/${hold.streams} streams held and completed, peak RSS ${Math.max(hold.rssPeakMb, hold.rssWhenAllOpenMb)} MB`);
  log(`load average at the end ${loadavg().map((value) => value.toFixed(2)).join(' ')} (on ${availableParallelism()} CPUs: other work on the box moves req/s and latency, much less CPU per request)`);
  log(missed.length === 0 ? 'ALL TARGETS MET' : `MISSED: ${missed.join(', ')}`);
  log(JSON.stringify(output));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
