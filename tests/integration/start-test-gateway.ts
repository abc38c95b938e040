/**
 * An integration world: a fake Google, a real gateway on a free port pointed at it through the
 * same environment variables a user would set, and accounts added through the real sign-in path.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../../proxy-core/control/gateway.js';
import { createGateway, type GatewayOptions } from '../../proxy-core/create-gateway.js';
import { setSettingByPath } from '../../proxy-core/config/set-setting-by-path.js';
import { createLogger } from '../../proxy-core/logging/logger.js';
import { startFakeGoogle, type FakeAccountOptions, type FakeGoogle } from '../fakes/fake-google.js';

export interface TestGateway {
  fake: FakeGoogle;
  gateway: Gateway;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT/v1` */
  baseUrl: string;
  apiKey: string;
  /** The admin API's credential (`<dataDir>/admin-token`); the API key never opens it. */
  adminToken: string;
  dataDir: string;
  logLines: string[];
  setSetting(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  accounts?: FakeAccountOptions[];
  settings?: Record<string, unknown>;
  /** Extra upstream base URLs tried before the fake (e.g. a refused port). */
  leadingBaseUrls?: string[];
  /**
   * Point the gateway at the fake through config.json (`upstream.*`, the owner's channel) instead
   * of environment variables, which would win over anything stored; for tests of what may change
   * `upstream.*`.
   */
  upstreamInSettings?: boolean;
  /** Where to listen; default 127.0.0.1 on a free port. */
  listen?: { host: string; port: number };
  listenerLimits?: GatewayOptions['listenerLimits'];
  isLocalClient?: GatewayOptions['isLocalClient'];
  now?: () => number;
}

let accountCounter = 0;

export function testAccount(overrides: Partial<FakeAccountOptions> = {}): FakeAccountOptions {
  accountCounter += 1;
  return {
    email: `user${accountCounter}@example.com`,
    refreshToken: `1//test-refresh-${accountCounter}-${Math.random().toString(36).slice(2)}`,
    projectId: `project-${accountCounter}`,
    tier: 'standard-tier',
    ...overrides,
  };
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const fake = await startFakeGoogle();
  const dataDir = await mkdtemp(join(tmpdir(), 'skyport-it-'));
  const logLines: string[] = [];
  const upstream = {
    'upstream.base_urls': [...(options.leadingBaseUrls ?? []), fake.baseUrl],
    'upstream.oauth_authorize_url': `${fake.origin}/o/oauth2/v2/auth`,
    'upstream.oauth_token_url': fake.tokenUrl,
    'upstream.userinfo_url': fake.userinfoUrl,
  };
  const environment = options.upstreamInSettings
    ? {}
    : {
        SKYPORT_UPSTREAM_BASE_URLS: upstream['upstream.base_urls'].join(','),
        SKYPORT_OAUTH_AUTHORIZE_URL: upstream['upstream.oauth_authorize_url'],
        SKYPORT_OAUTH_TOKEN_URL: upstream['upstream.oauth_token_url'],
        SKYPORT_USERINFO_URL: upstream['upstream.userinfo_url'],
      };
  const gateway = await createGateway({
    dataDir,
    environment,
    logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }),
    listen: options.listen ?? { host: '127.0.0.1', port: 0 },
    ...(options.listenerLimits === undefined ? {} : { listenerLimits: options.listenerLimits }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.isLocalClient === undefined ? {} : { isLocalClient: options.isLocalClient }),
  });
  const setSetting = async (key: string, value: unknown) => {
    await gateway.settingsStore.update((current) => setSettingByPath(current, key, value));
  };
  if (options.upstreamInSettings) for (const [key, value] of Object.entries(upstream)) await setSetting(key, value);
  for (const [key, value] of Object.entries(options.settings ?? {})) await setSetting(key, value);
  for (const account of options.accounts ?? [testAccount()]) {
    fake.addAccount(account);
    await gateway.addAccountByRefreshToken(account.refreshToken);
  }
  const status = await gateway.start();
  const origin = `http://127.0.0.1:${status.port}`;
  return {
    fake,
    gateway,
    origin,
    baseUrl: `${origin}/v1`,
    apiKey: gateway.settings().proxy.api_key,
    adminToken: gateway.adminToken,
    dataDir,
    logLines,
    setSetting,
    async close() {
      await gateway.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
