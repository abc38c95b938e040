/**
 * `npm run bench:compare -- <git ref>`: this checkout's gateway against the gateway of another
 * commit, both in front of one upstream (the cheap one by default, as `npm run bench`), in the same
 * run. Their rounds are interleaved (base, this tree, base, ...), so what the box does meanwhile hits
 * both alike: on a noisy 2-core machine a change of a few percent is visible here and lost between
 * two `npm run bench` runs.
 *
 *   npm run bench:compare -- <ref> [--upstream cheap|fake] [--concurrency 16] [--rounds 5] [--duration 3] [--warmup 2] [--warmup-requests 3000]
 *                                  [--gateway-node-flags "..."] [--base-node-flags "..."]
 *   npm run bench:compare -- <ref> --instructions [--instructions-warmup 4000] [--instructions-requests 1000]
 *
 * `--instructions` counts instructions per request instead (count-instructions.ts): each gateway in turn under
 * valgrind, deterministic where CPU time on a busy box is not, and much slower (about 5 minutes per gateway).
 *
 * The base is built from a detached git worktree of <ref> (build-gateway-at.ts), removed at the
 * end. Uncommitted changes count for this tree only. See bench/README.md.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildGatewayAt, type BuiltGateway } from './build-gateway-at.js';
import { callgrindWrapper, checkValgrind, countInstructions, makeCallgrindDir, type InstructionCount } from './count-instructions.js';
import type { ChildHandle } from './child-ipc.js';
import type { GatewayInfo } from './gateway-server.js';
import { createPool, mergeSamples, readCpuMs, readSyscalls, runClosedLoop, summarize, timedRequest, type Sample, type Summary, type Target } from './load.js';
import { parseUpstreamKind, startBenchUpstream, upstreamCallOf, type BenchUpstream } from './start-bench-upstream.js';
import { benchAccount, gatewayChatTarget, startFakeWithAccount, startGatewayChild } from './start-gateway-child.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    upstream: { type: 'string', default: 'cheap' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    'warmup-requests': { type: 'string', default: '3000' },
    'gateway-node-flags': { type: 'string', default: '--no-allocation-site-pretenuring' },
    'base-node-flags': { type: 'string' },
    instructions: { type: 'boolean', default: false },
    'instructions-warmup': { type: 'string', default: '4000' },
    'instructions-requests': { type: 'string', default: '1000' },
  },
});

const ref = positionals[0];
if (ref === undefined || positionals.length > 1) {
  console.error('usage: npm run bench:compare -- <git ref> [--rounds 5] [--duration 3] [--concurrency 16] [--warmup 2]');
  process.exit(2);
}
const num = (name: 'concurrency' | 'rounds' | 'duration' | 'warmup' | 'warmup-requests' | 'instructions-warmup' | 'instructions-requests'): number => {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const splitFlags = (text: string | undefined): string[] => (text ?? '').split(' ').filter((flag) => flag !== '');
const config = {
  upstream: parseUpstreamKind(flags.upstream),
  concurrency: num('concurrency'),
  rounds: num('rounds'),
  durationMs: num('duration') * 1000,
  warmupMs: num('warmup') * 1000,
  /** Warm-up also lasts until this many requests per gateway (up to 60 s): see run-bench.ts. */
  warmupRequests: num('warmup-requests'),
  /** Count instructions under valgrind instead of timing (count-instructions.ts). */
  instructions: flags.instructions === true,
  instructionsWarmup: num('instructions-warmup'),
  instructionsRequests: num('instructions-requests'),
  nodeFlags: splitFlags(flags['gateway-node-flags']),
  baseNodeFlags: splitFlags(flags['base-node-flags'] ?? flags['gateway-node-flags']),
};
const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');

interface Figures extends Summary {
  cpuUsPerRequest: number;
  syscallsPerRequest: { reads: number; writes: number };
  roundRps: number[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Interleaved rounds of two targets; CPU and system calls read from each one's process. */
async function measure(pair: Array<{ target: Target; child: ChildHandle<GatewayInfo> }>): Promise<Figures[]> {
  const pools = pair.map(({ target }) => createPool(target.origin, config.concurrency));
  try {
    for (const [index, { target }] of pair.entries()) {
      await runClosedLoop(pools[index]!, target, { concurrency: config.concurrency, durationMs: config.warmupMs, minRequests: config.warmupRequests, maxMs: 60_000 });
    }
    const samples: Sample[][] = pair.map(() => []);
    const used = pair.map(() => ({ cpuMs: 0, reads: 0, writes: 0 }));
    for (let round = 0; round < config.rounds; round += 1) {
      // Who goes first alternates (base, this tree; this tree, base; …): in A/A runs the second slot of every round came
      // out about 3 % cheaper, so a fixed order would credit that to the change.
      const order = round % 2 === 0 ? [...pair.entries()] : [...pair.entries()].reverse();
      for (const [index, { target, child }] of order) {
        const cpuBefore = readCpuMs(child.pid);
        const callsBefore = readSyscalls(child.pid);
        samples[index]!.push(await runClosedLoop(pools[index]!, target, { concurrency: config.concurrency, durationMs: config.durationMs }));
        const callsAfter = readSyscalls(child.pid);
        used[index]!.cpuMs += readCpuMs(child.pid) - cpuBefore;
        used[index]!.reads += callsAfter.reads - callsBefore.reads;
        used[index]!.writes += callsAfter.writes - callsBefore.writes;
      }
    }
    return pair.map((_, index) => {
      const merged = mergeSamples(samples[index]!);
      const answered = Math.max(1, merged.ok);
      return {
        ...summarize(merged),
        cpuUsPerRequest: Math.round((used[index]!.cpuMs * 1000) / answered),
        syscallsPerRequest: { reads: round1(used[index]!.reads / answered), writes: round1(used[index]!.writes / answered) },
        roundRps: samples[index]!.map((sample) => round1(sample.elapsedMs > 0 ? (sample.ok * 1000) / sample.elapsedMs : 0)),
      };
    });
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

function printScenario(scenario: string, base: Figures, current: Figures, baseLabel: string): void {
  const pad = (value: string | number, width: number): string => String(value).padStart(width);
  console.log(scenario.toUpperCase());
  console.log(`  ${'gateway'.padEnd(18)}${pad('requests', 9)}${pad('errors', 7)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('CPU/req', 10)}${pad('syscalls r/w', 14)}   req/s per round`);
  for (const [label, row] of [
    [baseLabel, base],
    ['this tree', current],
  ] as const) {
    console.log(
      `  ${label.padEnd(18)}${pad(row.requests, 9)}${pad(row.errors, 7)}${pad(row.rps.toFixed(0), 8)}${pad(row.p50.toFixed(2), 8)}${pad(row.p99.toFixed(2), 8)}${pad(`${row.cpuUsPerRequest} µs`, 10)}${pad(
        `${row.syscallsPerRequest.reads.toFixed(1)}/${row.syscallsPerRequest.writes.toFixed(1)}`,
        14,
      )}   ${row.roundRps.map((rps) => rps.toFixed(0)).join(' / ')}`,
    );
  }
  const sign = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
  console.log(
    `  this tree / base:  CPU per request ${(current.cpuUsPerRequest / base.cpuUsPerRequest).toFixed(3)}x, throughput ${(current.rps / base.rps).toFixed(3)}x, p50 ${sign(current.p50 - base.p50)} ms`,
  );
  console.log('');
}

const scenarios = [
  ['non-streaming', false],
  ['streaming', true],
] as const;

/** Each gateway in turn under callgrind: instructions per request, per scenario (count-instructions.ts). */
async function compareInstructions(options: {
  baseEntry: string;
  baseLabel: string;
  commit: string;
  fake: Awaited<ReturnType<typeof startFakeWithAccount>>;
  account: ReturnType<typeof benchAccount>;
  upstream: BenchUpstream;
}): Promise<void> {
  const { fake, account, upstream } = options;
  const callgrind = makeCallgrindDir();
  const counts: Record<string, Record<string, InstructionCount>> = {};
  try {
    for (const [slot, entry] of [
      ['base', options.baseEntry],
      ['current', undefined],
    ] as const) {
      const gateway = await startGatewayChild(fake, account, {
        name: slot === 'base' ? 'gateway-base' : 'gateway',
        // --predictable: V8 compiles and collects garbage on the main thread, on a schedule that does not depend on time,
        // so all of the gateway's work is counted, and counted alike run after run.
        nodeFlags: [...(slot === 'base' ? config.baseNodeFlags : config.nodeFlags), '--predictable'],
        upstreamBaseUrl: upstream.baseUrl,
        wrapper: callgrindWrapper(callgrind.dir),
        ...(entry === undefined ? {} : { prebuiltEntry: entry }),
      });
      try {
        const pool = createPool(gateway.info.origin, 1);
        await timedRequest(pool, gatewayChatTarget('check', gateway.info, true));
        await pool.close();
        // The first gateway's call reached the fake; from here on the cheap upstream answers both from its recording.
        if (slot === 'base') await upstream.arm(await upstreamCallOf(fake, account.refreshToken));
        for (const [index, [scenario, stream]] of scenarios.entries()) {
          const count = await countInstructions({
            gateway,
            dir: callgrind.dir,
            dumpNumber: index + 1,
            target: gatewayChatTarget(scenario, gateway.info, stream),
            warmup: config.instructionsWarmup,
            requests: config.instructionsRequests,
            concurrency: config.concurrency,
          });
          (counts[scenario] ??= {})[slot] = count;
          console.log(
            `  ${slot === 'base' ? options.baseLabel : 'this tree'} ${scenario}: ${count.mainPerRequest.toLocaleString('en')} instructions per request, ` +
              `of which GC ${count.gcPerRequest.toLocaleString('en')}, compiling ${count.compilePerRequest.toLocaleString('en')} (other threads ${count.helpersPerRequest.toLocaleString('en')})`,
          );
        }
      } finally {
        await gateway.stop(60_000);
      }
    }
  } finally {
    if (process.env.BENCH_KEEP_CALLGRIND === '1') console.log(`callgrind dumps kept in ${callgrind.dir}`);
    else callgrind.remove();
  }
  console.log('');
  console.log('INSTRUCTIONS PER REQUEST  (gateway run with --predictable: compiling and GC on the main thread, counted)');
  const without = (count: InstructionCount): number => count.mainPerRequest - count.gcPerRequest - count.compilePerRequest;
  for (const [scenario] of scenarios) {
    const base = counts[scenario]!.base!;
    const current = counts[scenario]!.current!;
    console.log(
      `  ${scenario.padEnd(14)} ${options.baseLabel} ${base.mainPerRequest.toLocaleString('en')}   this tree ${current.mainPerRequest.toLocaleString('en')}   this tree / base ${(current.mainPerRequest / base.mainPerRequest).toFixed(3)}x` +
        `   without GC and compiling ${(without(current) / without(base)).toFixed(3)}x (${without(base).toLocaleString('en')} -> ${without(current).toLocaleString('en')})`,
    );
  }
  console.log(
    JSON.stringify({
      node: process.version,
      base: options.commit,
      config,
      upstream: upstream.kind,
      instructions: Object.fromEntries(
        scenarios.map(([scenario]) => {
          const { base, current } = counts[scenario] as { base: InstructionCount; current: InstructionCount };
          return [scenario, { base, current, ratio: round3(current.mainPerRequest / base.mainPerRequest), ratioWithoutGcAndCompiling: round3(without(current) / without(base)) }];
        }),
      ),
    }),
  );
}

async function main(): Promise<void> {
  console.log(`Skyport gateway comparison   node ${process.version}, ${availableParallelism()} CPUs`);
  if (config.instructions) checkValgrind();
  let built: BuiltGateway | undefined;
  const children: Array<{ stop(): Promise<void> }> = [];
  try {
    built = await buildGatewayAt(repoRoot, ref as string);
    const baseLabel = `base ${built.commit.slice(0, 7)}`;
    console.log(
      config.instructions
        ? `${baseLabel} (${ref}) against this tree; upstream ${config.upstream}; instructions counted under valgrind over ${config.instructionsRequests} requests per scenario after ${config.instructionsWarmup} uncounted ones, ${config.concurrency} in flight\n`
        : `${baseLabel} (${ref}) against this tree; upstream ${config.upstream}; concurrency ${config.concurrency}; per scenario ${config.warmupMs / 1000} s and >= ${config.warmupRequests} requests of warm-up each, then ${config.rounds} rounds x ${config.durationMs / 1000} s each, interleaved\n`,
    );
    const account = benchAccount();
    const fake = await startFakeWithAccount(0, account);
    children.push(fake);
    const upstream: BenchUpstream = await startBenchUpstream(config.upstream, fake);
    children.push(upstream);
    if (config.instructions) {
      await compareInstructions({ baseEntry: built.entry, baseLabel, commit: built.commit, fake, account, upstream });
      return;
    }
    const base = await startGatewayChild(fake, account, { name: 'gateway-base', nodeFlags: config.baseNodeFlags, prebuiltEntry: built.entry, upstreamBaseUrl: upstream.baseUrl });
    children.push(base);
    const current = await startGatewayChild(fake, account, { nodeFlags: config.nodeFlags, upstreamBaseUrl: upstream.baseUrl });
    children.push(current);
    // One call through each gateway reaches the fake; the cheap upstream then records the answer and gives it to both.
    for (const gateway of [base, current]) {
      const pool = createPool(gateway.info.origin, 1);
      await timedRequest(pool, gatewayChatTarget('check', gateway.info, true));
      await pool.close();
    }
    await upstream.arm(await upstreamCallOf(fake, account.refreshToken));
    const results: Record<string, { base: Figures; current: Figures }> = {};
    for (const [scenario, stream] of scenarios) {
      const [baseFigures, currentFigures] = await measure([
        { target: gatewayChatTarget('base', base.info, stream), child: base },
        { target: gatewayChatTarget('current', current.info, stream), child: current },
      ]);
      printScenario(scenario, baseFigures!, currentFigures!, baseLabel);
      results[scenario] = { base: baseFigures!, current: currentFigures! };
    }
    console.log(
      JSON.stringify({
        node: process.version,
        cpus: availableParallelism(),
        base: built.commit,
        config,
        upstream: upstream.kind,
        scenarios: Object.fromEntries(
          Object.entries(results).map(([scenario, { base: b, current: c }]) => [
            scenario,
            { base: b, current: c, cpuRatio: round3(c.cpuUsPerRequest / b.cpuUsPerRequest), throughputRatio: round3(c.rps / b.rps), p50DeltaMs: round3(c.p50 - b.p50) },
          ]),
        ),
      }),
    );
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    built?.remove();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
