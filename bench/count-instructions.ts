/**
 * Instructions per request of a gateway child run under valgrind's callgrind (`bench:compare --instructions`).
 *
 * On a crowded 2-core box the CPU time a request costs moves by tens of percent from run to run (time slices,
 * caches, the JIT's timing), so a change of a few percent cannot be seen in it. The number of instructions the
 * gateway's main thread executes per request does not depend on any of that: two runs of the same build agree
 * within 0.5 %. It leaves out what the kernel does for the gateway's system calls, cache misses, and the work of
 * V8's helper threads (the optimizing compiler, parallel garbage collection; reported beside it), so it measures
 * changes to the gateway's own code, not the price of its network hops.
 *
 * The gateway runs `valgrind --tool=callgrind --instr-atstart=no`: at native speed with the counting off (about
 * 5× slower than plain node), much slower while counting. Per scenario: a warm-up with counting off (the JIT
 * tiers functions up by call counts, so the code measured is the optimized code), then the counters zeroed,
 * counting on for exactly `requests` requests, counting off and the counts dumped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildHandle } from './child-ipc.js';
import type { GatewayInfo } from './gateway-server.js';
import { createPool, timedRequest, type Target } from './load.js';

export interface InstructionCount {
  /** Instructions of the main thread (JavaScript, the runtime, the garbage collector's share there) per request. */
  mainPerRequest: number;
  /** The part of `mainPerRequest` in V8's garbage collector (by function name): it comes in steps, so it varies more. */
  gcPerRequest: number;
  /** The part in V8's compilers (none once warm, unless code is deoptimized and compiled again). */
  compilePerRequest: number;
  /** Instructions of every other thread (optimizing compiler, parallel/concurrent GC, libuv pool) per request. */
  helpersPerRequest: number;
  requests: number;
}

/** The valgrind command a gateway child runs under; its dumps go to `dir`. */
export function callgrindWrapper(dir: string): string[] {
  return [
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    '--separate-threads=yes',
    // V8 writes machine code into memory it then runs: valgrind must look for changed code everywhere.
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(dir, 'callgrind.%p')}`,
  ];
}

export function makeCallgrindDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'skyport-callgrind-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Throws unless valgrind and callgrind_control can be run. */
export function checkValgrind(): void {
  for (const tool of ['valgrind', 'callgrind_control']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`--instructions needs ${tool} (valgrind) on the PATH`);
    }
  }
}

/** Exactly `requests` answered requests, `concurrency` in flight; throws on the first failure. */
async function sendRequests(origin: string, target: Target, requests: number, concurrency: number): Promise<void> {
  const pool = createPool(origin, concurrency);
  let started = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started < requests) {
          started += 1;
          await timedRequest(pool, target);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}

/** V8's garbage collector, by the C++ names callgrind reports. */
const gcFunction = /v8::internal::(?:Scaveng|Mark|Sweep|Evacuat|Heap::|HeapObject::SizeFromMap|.*ObjectCache|RememberedSet|SlotSet|MemoryChunk|BodyDescriptor|PagedSpace|NewSpace|LargeObjectSpace|Minor|ConcurrentMarking|IncrementalMarking|GlobalHandles|PointersUpdating|RecordMigrated|LiveObject|CppHeap|EmbedderHeap|.*Visitor)|heap::base::|cppgc::/;
/** V8's compilers (TurboFan, Maglev, Sparkplug, the bytecode generator and parser). */
const compileFunction = /v8::internal::(?:compiler::|maglev::|baseline::|interpreter::|Parser|Scanner|Compiler|.*Zone)/;

/** Exclusive instructions of one callgrind dump, split into garbage collection, compilation and the rest. */
function splitByArea(file: string): { gc: number; compile: number } {
  const text = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let gc = 0;
  let compile = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$/.exec(line);
    if (match === null || match[2]!.includes('PROGRAM TOTALS')) continue;
    const count = Number(match[1]!.replaceAll(',', ''));
    if (gcFunction.test(match[2]!)) gc += count;
    else if (compileFunction.test(match[2]!)) compile += count;
  }
  return { gc, compile };
}

function readTotals(file: string): number {
  const match = /^totals:\s+(\d+)/m.exec(readFileSync(file, 'utf8')) ?? /^summary:\s+(\d+)/m.exec(readFileSync(file, 'utf8'));
  return match === null ? 0 : Number(match[1]);
}

/**
 * Counts the instructions `requests` requests to `target` cost in the callgrind-run `gateway` whose dumps go to
 * `dir`, after `warmup` requests with counting off. `dumpNumber` is this dump's number for that process (1 for
 * its first `count`, 2 for the second, …): callgrind names each thread's file `<out>.<pid>.<n>-<thread>`.
 */
export async function countInstructions(options: {
  gateway: ChildHandle<GatewayInfo>;
  dir: string;
  dumpNumber: number;
  target: Target;
  warmup: number;
  requests: number;
  concurrency: number;
}): Promise<InstructionCount> {
  const { gateway, dir, target } = options;
  const pid = String(gateway.pid);
  await sendRequests(gateway.info.origin, target, options.warmup, options.concurrency);
  // A full collection first: every count starts from the same clean heap, not from wherever the warm-up left it.
  await gateway.call('memoryAfterGc');
  execFileSync('callgrind_control', ['--zero', pid], { stdio: 'ignore' });
  execFileSync('callgrind_control', ['--instr=on', pid], { stdio: 'ignore' });
  await sendRequests(gateway.info.origin, target, options.requests, options.concurrency);
  execFileSync('callgrind_control', ['--instr=off', pid], { stdio: 'ignore' });
  execFileSync('callgrind_control', [`--dump=${target.name}`, pid], { stdio: 'ignore' });
  const prefix = `callgrind.${pid}.${options.dumpNumber}-`;
  const files = readdirSync(dir).filter((file) => file.startsWith(prefix));
  const main = files.find((file) => file === `${prefix}01`);
  if (main === undefined) throw new Error(`callgrind wrote no dump ${prefix}01 in ${dir} (found: ${files.join(', ') || 'none'})`);
  let helpers = 0;
  for (const file of files) if (file !== main) helpers += readTotals(join(dir, file));
  const areas = splitByArea(join(dir, main));
  return {
    mainPerRequest: Math.round(readTotals(join(dir, main)) / options.requests),
    gcPerRequest: Math.round(areas.gc / options.requests),
    compilePerRequest: Math.round(areas.compile / options.requests),
    helpersPerRequest: Math.round(helpers / options.requests),
    requests: options.requests,
  };
}
