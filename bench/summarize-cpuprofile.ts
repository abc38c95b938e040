/**
 * Hot spots of a V8 .cpuprofile: self time per function (file:line), inclusive time of the
 * repository's own functions, and self time per package/area. Idle samples are left out.
 *
 *   npx tsx bench/summarize-cpuprofile.ts bench/profiles/gateway-streaming.cpuprofile [top]
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
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined || !frame.url.includes('/proxy-core/')) continue;
      const ownKey = keyOf(frame);
      if (seen.has(ownKey)) continue; // recursion counts once
      seen.add(ownKey);
      inclusive.set(ownKey, (inclusive.get(ownKey) ?? 0) + 1);
    }
  }
  const rank = (counts: Map<string, number>, n: number): HotSpot[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, count]) => ({ key, ms: Math.round(count * msPerSample), percent: Math.round((count / Math.max(1, busy)) * 1000) / 10 }));
  return { busyMs: Math.round(busy * msPerSample), selfTop: rank(self, top), ownInclusiveTop: rank(inclusive, top), byArea: rank(area, top) };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines: string[] = [`busy (non-idle) CPU sampled: ${summary.busyMs} ms`];
  const table = (title: string, rows: HotSpot[]): void => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${row.percent.toFixed(1).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.key}`);
  };
  table('self time by area (package or proxy-core folder):', summary.byArea);
  table('self time by function:', summary.selfTop);
  table('inclusive time of proxy-core functions (callees included):', summary.ownInclusiveTop);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: tsx bench/summarize-cpuprofile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(summarizeProfile(profile, Number(process.argv[3] ?? '25'))));
}
