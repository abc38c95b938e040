/**
 * The benchmark's fake Google with one account, and a gateway child pointed at it: shared by
 * `npm run bench` (run-bench.ts) and `npm run bench:compare` (compare-builds.ts).
 */
import { startChild, type ChildHandle } from './child-ipc.js';
import type { FakeInfo } from './fake-upstream-server.js';
import type { GatewayInfo } from './gateway-server.js';
import type { Target } from './load.js';

export interface BenchAccount {
  email: string;
  refreshToken: string;
  projectId: string;
  tier: string;
}

let accountCounter = 0;

/** A fresh account for a fresh fake (unique refresh token per run). */
export function benchAccount(): BenchAccount {
  accountCounter += 1;
  return {
    email: `bench${accountCounter}@example.com`,
    refreshToken: `1//bench-refresh-${accountCounter}-${Math.random().toString(36).slice(2)}`,
    projectId: `bench-project-${accountCounter}`,
    tier: 'standard-tier',
  };
}

/** The fake Google (no chunk delay unless asked), knowing `account`. */
export async function startFakeWithAccount(chunkDelayMs: number, account: BenchAccount): Promise<ChildHandle<FakeInfo>> {
  const fake = await startChild<FakeInfo>('fake-google', 'fake-upstream-server.ts', { env: { BENCH_CHUNK_DELAY_MS: String(chunkDelayMs) } });
  await fake.call('addAccount', account);
  return fake;
}

export interface GatewayChildOptions {
  name?: string;
  nodeFlags: string[];
  /** A gateway-server bundle built elsewhere (compare-builds.ts); default: bundle this tree's. */
  prebuiltEntry?: string;
  /** Where Cloud Code calls go (the cheap upstream, start-bench-upstream.ts); default: the fake. OAuth always goes to the fake. */
  upstreamBaseUrl?: string;
  /** Run the gateway's node under this command (valgrind: count-instructions.ts), with a start timeout to match. */
  wrapper?: string[];
}

/** A gateway child using the fake (or `upstreamBaseUrl`) for its upstream and the fake for OAuth and userinfo, with `account` added. */
export function startGatewayChild(fake: ChildHandle<FakeInfo>, account: BenchAccount, options: GatewayChildOptions): Promise<ChildHandle<GatewayInfo>> {
  return startChild<GatewayInfo>(options.name ?? 'gateway', 'gateway-server.ts', {
    env: {
      BENCH_FAKE_BASE_URL: options.upstreamBaseUrl ?? fake.info.baseUrl,
      BENCH_FAKE_TOKEN_URL: fake.info.tokenUrl,
      BENCH_FAKE_USERINFO_URL: fake.info.userinfoUrl,
      BENCH_REFRESH_TOKENS: account.refreshToken,
    },
    // The gateway logs one line per request to stderr: keep that, but discard it (BENCH_GATEWAY_STDERR=1 shows it).
    discardStderr: process.env.BENCH_GATEWAY_STDERR !== '1',
    nodeFlags: options.nodeFlags,
    ...(options.wrapper === undefined ? {} : { wrapper: options.wrapper, startTimeoutMs: 600_000 }),
    ...(options.prebuiltEntry === undefined ? { bundled: true } : { prebuiltEntry: options.prebuiltEntry }),
  });
}

/**
 * The benchmark's chat completion against a gateway: `{model: gemini-3-flash, messages: [hi]}`,
 * answered when the body holds the JSON finish or the SSE `[DONE]`.
 */
export function gatewayChatTarget(name: string, info: GatewayInfo, stream: boolean): Target {
  return {
    name,
    origin: info.origin,
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${info.apiKey}` },
    body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], stream }),
    marker: stream ? 'data: [DONE]' : '"finish_reason":"stop"',
  };
}
