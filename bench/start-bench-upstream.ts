/**
 * The upstream the throughput benchmarks put behind the proxies: the fake Google itself, or the
 * cheap upstream (cheap-upstream-server.ts) that answers generation calls from bytes recorded once
 * from the fake. Shared by `npm run bench` and `npm run bench:compare`.
 */
import { arch, platform } from 'node:process';
import { request } from 'undici';
import { builtInClientVersion } from '../proxy-core/upstream/resolve-client-version.js';
import type { CaptureSummary, CheapUpstreamInfo } from './cheap-upstream-server.js';
import { startChild, type ChildHandle } from './child-ipc.js';
import type { FakeInfo } from './fake-upstream-server.js';

export type UpstreamKind = 'cheap' | 'fake';

export function parseUpstreamKind(value: string | undefined): UpstreamKind {
  if (value === 'cheap' || value === 'fake') return value;
  throw new Error(`--upstream must be "cheap" or "fake", not ${JSON.stringify(value)}`);
}

/** The Cloud Code call the gateway makes for the benchmark's chat completion, ready to send as is. */
export interface UpstreamCall {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Text every complete answer contains. */
  marker: string;
}

export interface BenchUpstream {
  kind: UpstreamKind;
  /** What the proxies are pointed at (SKYPORT_UPSTREAM_BASE_URLS, the bare proxy's origin). */
  baseUrl: string;
  /** The process that answers the generation calls (its CPU is the upstream's). */
  handle: ChildHandle;
  /**
   * Cheap upstream: record the fake's answer to `call` and answer every later generation call with
   * it. Fake: nothing to do. Call once the gateway has made one real call (see `upstreamCallOf`).
   */
  arm(call: UpstreamCall): Promise<CaptureSummary | undefined>;
  stop(): Promise<void>;
}

export async function startBenchUpstream(kind: UpstreamKind, fake: ChildHandle<FakeInfo>): Promise<BenchUpstream> {
  if (kind === 'fake') {
    return { kind, baseUrl: fake.info.baseUrl, handle: fake, arm: async () => undefined, stop: async () => {} };
  }
  const cheap = await startChild<CheapUpstreamInfo>('cheap-upstream', 'cheap-upstream-server.ts', {
    env: { BENCH_FAKE_ORIGIN: new URL(fake.info.baseUrl).origin },
  });
  return {
    kind,
    baseUrl: cheap.info.baseUrl,
    handle: cheap,
    arm: (call) => cheap.call<CaptureSummary>('capture', call.body, call.headers),
    stop: () => cheap.stop(),
  };
}

async function accessTokenFromFake(tokenUrl: string, refreshToken: string): Promise<string> {
  const { statusCode, body } = await request(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'bench', client_secret: 'bench' }).toString(),
  });
  const json = (await body.json()) as { access_token?: string };
  if (statusCode !== 200 || json.access_token === undefined) throw new Error(`token endpoint answered ${statusCode}`);
  return json.access_token;
}

/**
 * The envelope of the newest generation call the fake saw (the gateway's, after one gateway call),
 * with a fresh access token and the headers the gateway presents (upstream/cloud-code-client.ts).
 */
export async function upstreamCallOf(fake: ChildHandle<FakeInfo>, refreshToken: string): Promise<UpstreamCall> {
  const envelope = await fake.call<unknown>('lastGenerateEnvelope');
  if (envelope === undefined) throw new Error('the fake saw no streamGenerateContent call from the gateway');
  const accessToken = await accessTokenFromFake(fake.info.tokenUrl, refreshToken);
  return {
    path: '/v1internal:streamGenerateContent?alt=sse',
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'text/event-stream',
      'user-agent': `antigravity/${builtInClientVersion} ${platform}/${arch}`,
      'x-client-name': 'antigravity',
      'x-client-version': builtInClientVersion,
      'content-type': 'application/json',
    },
    body: JSON.stringify(envelope),
    marker: '"finishReason"',
  };
}
