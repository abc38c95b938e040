/**
 * Child process for `npm run bench:logging`: the real gateway (createGateway) against the fake
 * Google, with `proxy.enable_logging` set from BENCH_ENABLE_LOGGING (`true` or `false`) and
 * nothing else changed. Its data directory is a fresh temporary one, so the request log starts
 * empty; it is removed when the child stops.
 *
 * Env: BENCH_FAKE_BASE_URL, BENCH_FAKE_TOKEN_URL, BENCH_FAKE_USERINFO_URL, BENCH_REFRESH_TOKENS
 * (comma-separated), BENCH_ENABLE_LOGGING.
 * Calls: loggedRequests() -> rows in the request log (after a flush).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSettingByPath } from '../proxy-core/config/set-setting-by-path.js';
import { createGateway } from '../proxy-core/create-gateway.js';
import { createLogger } from '../proxy-core/logging/logger.js';
import { runChild } from './child-ipc.js';

export interface LoggingGatewayInfo extends Record<string, unknown> {
  origin: string;
  apiKey: string;
  enableLogging: boolean;
}

void runChild(async () => {
  const required = (name: string): string => {
    const value = process.env[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set`);
    return value;
  };
  const enableLogging = required('BENCH_ENABLE_LOGGING') === 'true';
  const dataDir = await mkdtemp(join(tmpdir(), 'skyport-bench-logging-'));
  const environment = {
    ...process.env,
    SKYPORT_UPSTREAM_BASE_URLS: required('BENCH_FAKE_BASE_URL'),
    SKYPORT_OAUTH_TOKEN_URL: required('BENCH_FAKE_TOKEN_URL'),
    SKYPORT_USERINFO_URL: required('BENCH_FAKE_USERINFO_URL'),
  };
  // The default logger, as a user runs it (one line per request; the parent discards stderr).
  const gateway = await createGateway({ dataDir, environment, logger: createLogger(), listen: { host: '127.0.0.1', port: 0 } });
  await gateway.settingsStore.update((current) => setSettingByPath(current, 'proxy.enable_logging', enableLogging));
  for (const refreshToken of required('BENCH_REFRESH_TOKENS').split(',')) await gateway.addAccountByRefreshToken(refreshToken);
  const status = await gateway.start();
  const info: LoggingGatewayInfo = { origin: `http://127.0.0.1:${status.port}`, apiKey: gateway.settings().proxy.api_key, enableLogging };
  return {
    info,
    handlers: {
      loggedRequests: () => {
        gateway.monitor.flush();
        return gateway.monitor.usage({ bucket: 'day' }).totals.requests;
      },
    },
    stop: async () => {
      await gateway.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
