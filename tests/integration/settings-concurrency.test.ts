/** No lost updates through the ControlApi (what IPC and the console call): parallel changes to different settings are all kept. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
const account = testAccount();

beforeAll(async () => {
  world = await startTestGateway({ accounts: [account] });
});
afterAll(async () => {
  await world.close();
});

describe('parallel settings changes', () => {
  it('keeps every one of many updateSettings, mapping, preferred-account and key changes made at once', async () => {
    const control = world.gateway.control;
    const before = world.gateway.settings().proxy.api_key;
    const [, , , , , , rule, preferred, key] = await Promise.all([
      control.updateSettings({ proxy: { request_timeout_s: 71 } }),
      control.updateSettings({ proxy: { max_attempts: 5 } }),
      control.updateSettings({ proxy: { enable_logging: false } }),
      control.updateSettings({ accounts: { quota_refresh_min: 21 } }),
      control.updateSettings({ monitor: { retention_days: 3 } }),
      control.updateSettings({ proxy: { scheduling: { mode: 'performance_first' } } }),
      control.setMappingRule({ pattern: 'parallel-*', target: 'gemini-3-flash' }),
      control.setPreferredAccount({ email: account.email }),
      control.regenerateApiKey({}),
    ]);
    expect(rule.rules).toContainEqual({ pattern: 'parallel-*', target: 'gemini-3-flash' });
    expect(preferred.preferred_account).toBe(account.email);
    expect(key.api_key).not.toBe(before);
    const expected = {
      proxy: {
        request_timeout_s: 71,
        max_attempts: 5,
        enable_logging: false,
        scheduling: { mode: 'performance_first' },
        custom_mapping: { 'parallel-*': 'gemini-3-flash' },
        preferred_account: account.email,
        api_key: key.api_key,
      },
      accounts: { quota_refresh_min: 21 },
      monitor: { retention_days: 3 },
    };
    expect(world.gateway.settingsStore.get()).toMatchObject(expected);
    expect(JSON.parse(await readFile(join(world.dataDir, 'config.json'), 'utf8'))).toMatchObject(expected);
  });
});
