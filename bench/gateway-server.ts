/**
 * Child process: the real gateway (createGateway) pointed at a fake Google through the same
 * environment variables a user would set, with one account added through the real sign-in path.
 * Its logger is the default one (one line per request to stderr); the parent discards stderr.
 *
 * Env: BENCH_FAKE_BASE_URL, BENCH_FAKE_TOKEN_URL, BENCH_FAKE_USERINFO_URL, BENCH_REFRESH_TOKENS (comma-separated).
 *
 * Calls: memory() -> process.memoryUsage(); profileStart(); profileStop(file) writes a .cpuprofile whose
 * call frames are mapped back to the TypeScript sources (the bundle's source map), so hot spots read as file:line.
 * It runs bundled and without tsx, as `npm run serve` runs the gateway (run-bench.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child-ipc.js';

export interface GatewayInfo extends Record<string, unknown> {
  origin: string;
  apiKey: string;
}

interface AllocationNode {
  callFrame: CallFrame;
  selfSize: number;
  children: AllocationNode[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  callFrame: CallFrame;
}

/** Rewrites generated positions (the bundle's) to the original TypeScript files and lines, in place. */
function mapToSources(callFrames: Iterable<CallFrame>): void {
  for (const callFrame of callFrames) {
    if (!callFrame.url.startsWith('file://') || callFrame.url.includes('/node_modules/')) continue;
    try {
      const entry = findSourceMap(callFrame.url)?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
      if (entry !== undefined && 'originalLine' in entry) {
        if (entry.originalSource) callFrame.url = new URL(entry.originalSource, callFrame.url).href;
        callFrame.lineNumber = entry.originalLine;
        callFrame.columnNumber = entry.originalColumn;
      }
    } catch {
      // Leave the generated position.
    }
  }
}

void runChild(async () => {
  const required = (name: string): string => {
    const value = process.env[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set`);
    return value;
  };
  // Imported here, not at the top, so a gateway that does not even load is reported to the
  // parent (whose copy of our stderr is discarded) instead of dying silently.
  const { createGateway } = await import('../proxy-core/create-gateway.js');
  const { createLogger } = await import('../proxy-core/logging/logger.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'skyport-bench-'));
  const environment = {
    ...process.env,
    SKYPORT_UPSTREAM_BASE_URLS: required('BENCH_FAKE_BASE_URL'),
    SKYPORT_OAUTH_TOKEN_URL: required('BENCH_FAKE_TOKEN_URL'),
    SKYPORT_USERINFO_URL: required('BENCH_FAKE_USERINFO_URL'),
  };
  const gateway = await createGateway({ dataDir, environment, logger: createLogger(), listen: { host: '127.0.0.1', port: 0 } });
  for (const refreshToken of required('BENCH_REFRESH_TOKENS').split(',')) await gateway.addAccountByRefreshToken(refreshToken);
  const status = await gateway.start();

  let session: Session | undefined;
  let allocationSession: Session | undefined;
  const info: GatewayInfo = { origin: `http://127.0.0.1:${status.port}`, apiKey: gateway.settings().proxy.api_key };
  return {
    info,
    handlers: {
      memory: () => process.memoryUsage(),
      /** A full GC (through the inspector, no --expose-gc needed), then memoryUsage(): the live size. */
      memoryAfterGc: async () => {
        const gcSession = new Session();
        gcSession.connect();
        try {
          await gcSession.post('HeapProfiler.collectGarbage');
        } finally {
          gcSession.disconnect();
        }
        return process.memoryUsage();
      },
      profileStart: async (samplingIntervalUs: number = 250) => {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
        await session.post('Profiler.start');
      },
      profileStop: async (file: string) => {
        if (session === undefined) throw new Error('profileStart was not called');
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[] } };
        session.disconnect();
        session = undefined;
        mapToSources(profile.nodes.map((node) => node.callFrame));
        await writeFile(file, JSON.stringify(profile));
        return file;
      },
      /** Sampling heap profiler, counting objects that die young too (what the GC has to chew through). */
      allocationStart: async (samplingIntervalBytes: number = 16 * 1024) => {
        allocationSession = new Session();
        allocationSession.connect();
        await allocationSession.post('HeapProfiler.enable');
        await allocationSession.post('HeapProfiler.startSampling', {
          samplingInterval: samplingIntervalBytes,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        } as never);
      },
      allocationStop: async (file: string) => {
        if (allocationSession === undefined) throw new Error('allocationStart was not called');
        const { profile } = (await allocationSession.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: AllocationNode } };
        allocationSession.disconnect();
        allocationSession = undefined;
        const frames: CallFrame[] = [];
        const walk = (node: AllocationNode): void => {
          frames.push(node.callFrame);
          node.children.forEach(walk);
        };
        walk(profile.head);
        mapToSources(frames);
        await writeFile(file, JSON.stringify(profile));
        return file;
      },
    },
    stop: async () => {
      await gateway.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
