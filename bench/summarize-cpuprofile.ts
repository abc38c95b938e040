/**
 * Hot spots of a V8 .cpuprofile: self time per function (file:line), time charged to the
 * innermost proxy-core frame, inclusive time of proxy-core functions, and self time per
 * package/area (idle samples left out). Also sampled allocation profiles (.heapprofile).
 *
 *   npx tsx bench/summarize-cpuprofile.ts bench/profiles/gateway-streaming.cpuprofile [top]
 *   npx tsx bench/summarize-cpuprofile.ts bench/profiles/gateway-hold.heapprofile [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface HotSpot {
  key: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  /** Busy (non-idle) time sampled, ms. */
  busyMs: number;
  selfTop: HotSpot[];
  /** Inclusive time of functions under proxy-core/ (their callees included). */
  ownInclusiveTop: HotSpot[];
  /**
   * Every busy sample charged to the innermost proxy-core frame on its stack (the proxy-core line
   * that called into the library or runtime code that was running); samples with no proxy-core
   * frame are charged to the area of the running code, marked `outside proxy-core`.
   */
  byNearestOwnFrame: HotSpot[];
  byArea: HotSpot[];
}

const repoPrefix = fileURLToPath(new URL('../', import.meta.url));

function location(frame: CallFrame): string {
  if (frame.url === '') return '';
  let path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (path.startsWith(repoPrefix)) path = path.slice(repoPrefix.length);
  return `${path}:${frame.lineNumber + 1}`;
}

function keyOf(frame: CallFrame): string {
  const where = location(frame);
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  return where === '' ? name : `${name} ${where}`;
}

function areaOf(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return frame.functionName; // (garbage collector), (program), native
  const modules = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = /\/(proxy-core\/[^/]+)\//.exec(url);
  if (own) return own[1]!;
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const area = new Map<string, number>();
  const nearest = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (node === undefined || node.callFrame.functionName === '(idle)') continue;
    busy += 1;
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + 1);
    const areaKey = areaOf(node.callFrame);
    area.set(areaKey, (area.get(areaKey) ?? 0) + 1);
    const seen = new Set<string>();
    let nearestKey: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined || !frame.url.includes('/proxy-core/')) continue;
      const ownKey = keyOf(frame);
      nearestKey ??= ownKey;
      if (seen.has(ownKey)) continue; // recursion counts once
      seen.add(ownKey);
      inclusive.set(ownKey, (inclusive.get(ownKey) ?? 0) + 1);
    }
    nearestKey ??= `(outside proxy-core) ${areaKey}`;
    nearest.set(nearestKey, (nearest.get(nearestKey) ?? 0) + 1);
  }
  const rank = (counts: Map<string, number>, n: number): HotSpot[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, count]) => ({ key, ms: Math.round(count * msPerSample), percent: Math.round((count / Math.max(1, busy)) * 1000) / 10 }));
  return {
    busyMs: Math.round(busy * msPerSample),
    selfTop: rank(self, top),
    ownInclusiveTop: rank(inclusive, top),
    byNearestOwnFrame: rank(nearest, top),
    byArea: rank(area, top),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines: string[] = [
    `busy (non-idle) time sampled: ${summary.busyMs} ms`,
    'note: V8 samples wall-clock time; on a box with fewer cores than busy processes, samples in writev /',
    'writeUtf8String (syscalls that wake the peer process) mostly stand for time the process was preempted.',
  ];
  const table = (title: string, rows: HotSpot[]): void => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${row.percent.toFixed(1).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.key}`);
  };
  table('self time by area (package or proxy-core folder):', summary.byArea);
  table('self time by function:', summary.selfTop);
  table('charged to the innermost proxy-core frame on the stack (own code + the library/runtime work it called):', summary.byNearestOwnFrame);
  table('inclusive time of proxy-core functions (callees included; middleware includes the rest of the chain via next()):', summary.ownInclusiveTop);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------- allocation profiles

interface AllocationNode {
  callFrame: CallFrame;
  selfSize: number;
  children: AllocationNode[];
}
export interface AllocationProfile {
  head: AllocationNode;
}

export interface AllocationSummary {
  totalMb: number;
  selfTop: HotSpot[];
  byNearestOwnFrame: HotSpot[];
}

/**
 * Bytes allocated (sampled; with the GC-collected objects included) per allocating function and
 * per innermost proxy-core frame. `ms` in the rows is reused for MB.
 */
export function summarizeAllocations(profile: AllocationProfile, top = 15): AllocationSummary {
  const self = new Map<string, number>();
  const nearest = new Map<string, number>();
  let total = 0;
  const walk = (node: AllocationNode, own: string | undefined): void => {
    const here = node.callFrame.url.includes('/proxy-core/') ? keyOf(node.callFrame) : own;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const key = keyOf(node.callFrame);
      self.set(key, (self.get(key) ?? 0) + node.selfSize);
      const ownKey = here ?? `(outside proxy-core) ${areaOf(node.callFrame)}`;
      nearest.set(ownKey, (nearest.get(ownKey) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head, undefined);
  const rank = (sizes: Map<string, number>): HotSpot[] =>
    [...sizes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, bytes]) => ({ key, ms: Math.round((bytes / 1024 / 1024) * 10) / 10, percent: Math.round((bytes / Math.max(1, total)) * 1000) / 10 }));
  return { totalMb: Math.round(total / 1024 / 1024), selfTop: rank(self), byNearestOwnFrame: rank(nearest) };
}

export function formatAllocationSummary(summary: AllocationSummary): string {
  const lines: string[] = [`allocated (sampled, garbage included): ~${summary.totalMb} MB`];
  const table = (title: string, rows: HotSpot[]): void => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.ms.toFixed(1).padStart(7)} MB  ${row.key}`);
  };
  table('allocated by function:', summary.selfTop);
  table('allocated under the innermost proxy-core frame:', summary.byNearestOwnFrame);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: tsx bench/summarize-cpuprofile.ts <file.cpuprofile|file.heapprofile> [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? '25');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile | AllocationProfile;
  console.log('head' in parsed ? formatAllocationSummary(summarizeAllocations(parsed, top)) : formatSummary(summarizeProfile(parsed, top)));
}
