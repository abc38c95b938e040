import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { AccountDescription, GatewayStatusView } from '../proxy-core/index.js';
import { createDesktopTray } from './desktop-tray.js';
import { buildTrayMenu, maxAccountLines, maxAlertLabelLength, resolveTrayState, summarizeAccountQuota, trayIconFileName } from './tray-menu.js';

const running: GatewayStatusView = {
  serving: true,
  listening: true,
  host: '127.0.0.1',
  port: 8045,
  base_url: 'http://127.0.0.1:8045/v1',
  lan_url: null,
  auth_mode: 'off',
  version: '0.1.0',
  error: null,
  command_line: { port: null, host: null },
  saved: { port: 8045, host: '127.0.0.1' },
  accounts: { total: 2, active: 1 },
};
const stopped: GatewayStatusView = { ...running, serving: false, listening: false, host: null, port: null, base_url: null };
const failed: GatewayStatusView = { ...stopped, error: 'Port 8045 is already in use by another program.' };

function account(email: string, overrides: Partial<AccountDescription> = {}): AccountDescription {
  return {
    email,
    status: 'active',
    status_reason: null,
    validation_url: null,
    tier: 'standard-tier',
    project_id: 'p',
    quotas: {},
    quotas_updated_at: null,
    cooldowns: {},
    last_used_at: null,
    last_error: null,
    added_at: '2026-01-01T00:00:00.000Z',
    upstream_proxy: null,
    labels: [],
    tier_class: 'free',
    ...overrides,
  };
}
const alice = account('alice@example.com', {
  quotas: {
    'gemini-3-flash': { remaining_fraction: 0.8, reset_time: null, display_name: 'Gemini 3 Flash' },
    'claude-sonnet-4-5': { remaining_fraction: 0.25, reset_time: null, display_name: 'Claude Sonnet 4.5' },
  },
});
const bob = account('bob@example.com', { status: 'validation_required' });

const actions = () => ({ start: vi.fn(), stop: vi.fn(), copyBaseUrl: vi.fn(), copyApiKey: vi.fn(), openWindow: vi.fn(), quit: vi.fn() });
const labels = (menu: MenuItemConstructorOptions[]) => menu.map((item) => (item.type === 'separator' ? '---' : item.label));
const find = (menu: MenuItemConstructorOptions[], label: string) => menu.find((item) => item.label === label);

describe('tray menu', () => {
  it('running: status, Stop, the base URL to copy, Copy API key, one quota line per account, Open, Quit', () => {
    const menu = buildTrayMenu({ status: running, accounts: [alice, bob] }, actions());
    expect(labels(menu)).toEqual([
      'Skyport is running on port 8045',
      'Stop',
      'http://127.0.0.1:8045/v1 (click to copy)',
      'Copy API key',
      '---',
      'alice@example.com: 25% left (Claude Sonnet 4.5)',
      'bob@example.com: needs verification',
      '---',
      'Open Skyport',
      'Quit Skyport',
    ]);
    expect(menu[0]?.enabled).toBe(false);
    expect(menu[5]?.enabled).toBe(false);
  });

  it('puts the latest alert under the status; a click opens the window', () => {
    const calls = actions();
    const menu = buildTrayMenu(
      { status: running, accounts: [], latestAlert: { id: 'a', kind: 'quota_low', severity: 'warning', message: 'alice@example.com has 8% of Gemini 3 Flash left', at: '2026-12-07T12:00:00.000Z' } },
      calls,
    );
    expect(labels(menu).slice(0, 3)).toEqual(['Skyport is running on port 8045', '⚠ alice@example.com has 8% of Gemini 3 Flash left', 'Stop']);
    (menu[1]?.click as () => void)();
    expect(calls.openWindow).toHaveBeenCalled();
  });

  it('offers Show logs, and Restart to update once an update is downloaded', () => {
    const calls = { ...actions(), showLogs: vi.fn(), restartToUpdate: vi.fn() };
    const plain = buildTrayMenu({ status: running, accounts: [], updateReady: null }, calls);
    expect(labels(plain).slice(-3)).toEqual(['Open Skyport', 'Show logs', 'Quit Skyport']);
    const ready = buildTrayMenu({ status: running, accounts: [], updateReady: '2.0.0' }, calls);
    expect(labels(ready).slice(-5)).toEqual(['Restart to update (2.0.0)', '---', 'Open Skyport', 'Show logs', 'Quit Skyport']);
    (find(ready, 'Restart to update (2.0.0)')?.click as () => void)();
    (find(ready, 'Show logs')?.click as () => void)();
    expect(calls.restartToUpdate).toHaveBeenCalledTimes(1);
    expect(calls.showLogs).toHaveBeenCalledTimes(1);
  });

  it('stopped: Start instead of Stop, and no address to copy', () => {
    const menu = buildTrayMenu({ status: stopped, accounts: [] }, actions());
    expect(labels(menu)).toEqual(['Skyport is stopped', 'Start', 'Not listening', 'Copy API key', '---', 'No accounts yet', '---', 'Open Skyport', 'Quit Skyport']);
    expect(find(menu, 'Not listening')?.enabled).toBe(false);
  });

  it('error: says why', () => {
    expect(labels(buildTrayMenu({ status: failed, accounts: [] }, actions()))[0]).toBe('Skyport is stopped: Port 8045 is already in use by another program.');
  });

  it('items call their actions', () => {
    const calls = actions();
    const menu = buildTrayMenu({ status: running, accounts: [] }, calls);
    for (const label of ['Stop', 'http://127.0.0.1:8045/v1 (click to copy)', 'Copy API key', 'Open Skyport', 'Quit Skyport']) {
      (find(menu, label)?.click as () => void)();
    }
    expect(calls.stop).toHaveBeenCalled();
    expect(calls.copyBaseUrl).toHaveBeenCalled();
    expect(calls.copyApiKey).toHaveBeenCalled();
    expect(calls.openWindow).toHaveBeenCalled();
    expect(calls.quit).toHaveBeenCalled();
    (find(buildTrayMenu({ status: stopped, accounts: [] }, calls), 'Start')?.click as () => void)();
    expect(calls.start).toHaveBeenCalled();
  });

  it('sums up a long account list in one line', () => {
    const many = Array.from({ length: maxAccountLines + 3 }, (_, index) => account(`user${index}@example.com`));
    const menu = buildTrayMenu({ status: running, accounts: many }, actions());
    expect(labels(menu)).toContain('…and 3 more');
    expect(labels(menu).filter((label) => label?.endsWith('quota not read yet'))).toHaveLength(maxAccountLines);
  });

  it('summarizes an account by the quota that runs out first', () => {
    expect(summarizeAccountQuota(alice)).toBe('alice@example.com: 25% left (Claude Sonnet 4.5)');
    expect(summarizeAccountQuota(account('new@example.com'))).toBe('new@example.com: quota not read yet');
    expect(summarizeAccountQuota(account('off@example.com', { status: 'disabled' }))).toBe('off@example.com: disabled');
  });

  it('picks the icon for the state and the platform', () => {
    expect(resolveTrayState(running)).toBe('running');
    expect(resolveTrayState(stopped)).toBe('stopped');
    expect(resolveTrayState(failed)).toBe('error');
    expect(trayIconFileName('running', 'darwin')).toBe('trayTemplate.png');
    expect(trayIconFileName('stopped', 'darwin')).toBe('trayStoppedTemplate.png');
    expect(trayIconFileName('error', 'darwin')).toBe('trayErrorTemplate.png');
    expect(trayIconFileName('error', 'linux')).toBe('tray-error.png');
    expect(trayIconFileName('running', 'win32')).toBe('tray-running.png');
  });
});

describe('desktop tray', () => {
  function setUp() {
    const tray = { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
    const clipboard = { writeText: vi.fn() };
    const control = {
      getStatus: vi.fn(async () => running),
      listAccounts: vi.fn(async () => ({ items: [alice] })),
      startGateway: vi.fn(async () => running),
      stopGateway: vi.fn(async () => stopped),
      revealApiKey: vi.fn(async () => ({ api_key: 'sk-the-real-key' })),
    };
    let template: MenuItemConstructorOptions[] = [];
    const showLogs = vi.fn();
    const restartToUpdate = vi.fn();
    const desktopTray = createDesktopTray({
      createTray: () => tray as never,
      buildMenu: (next) => {
        template = next as MenuItemConstructorOptions[];
        return next as never;
      },
      createImage: (path) => path as never,
      clipboard,
      iconDirectory: '/assets',
      platform: 'linux',
      control: control as never,
      openWindow: vi.fn(),
      quit: vi.fn(),
      showLogs,
      restartToUpdate,
      logger: { warn: vi.fn() },
    });
    return { desktopTray, tray, clipboard, control, showLogs, restartToUpdate, menu: () => template };
  }

  it('shows the state as icon, tooltip and menu, and follows status events', async () => {
    const { desktopTray, tray, menu } = setUp();
    await desktopTray.refresh();
    expect(tray.setImage).toHaveBeenLastCalledWith('/assets/tray-running.png');
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Skyport is running on port 8045');
    expect(labels(menu())).toContain('alice@example.com: 25% left (Claude Sonnet 4.5)');
    desktopTray.showStatus(failed);
    expect(tray.setImage).toHaveBeenLastCalledWith('/assets/tray-error.png');
    expect(labels(menu())).toContain('Start');
  });

  it('copies the API key to the clipboard from main, and the base URL', async () => {
    const { desktopTray, clipboard, menu } = setUp();
    await desktopTray.refresh();
    (find(menu(), 'Copy API key')?.click as () => void)();
    await vi.waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith('sk-the-real-key'));
    (find(menu(), 'http://127.0.0.1:8045/v1 (click to copy)')?.click as () => void)();
    expect(clipboard.writeText).toHaveBeenLastCalledWith('http://127.0.0.1:8045/v1');
  });

  it('shows the latest alert as a line under the status, which opens the window', async () => {
    const { desktopTray, menu } = setUp();
    await desktopTray.refresh();
    expect(labels(menu())[1]).toBe('Stop');
    desktopTray.showAlert({ id: 'alert_1', kind: 'quota_low', severity: 'warning', message: 'alice@example.com has 8% of Gemini 3 Flash left', at: '2026-12-07T12:00:00.000Z' });
    const long = `bob@example.com left the pool: ${'x'.repeat(200)}`;
    desktopTray.showAlert({ id: 'alert_2', kind: 'account_left_pool', severity: 'error', message: long, at: '2026-12-07T12:01:00.000Z' });
    const line = menu()[1];
    expect(line?.label).toBe(`⛔ ${long.slice(0, maxAlertLabelLength - 1)}…`);
    expect(line?.toolTip).toBe(long);
    expect(labels(menu()).filter((label) => label?.includes('alice@example.com has 8%'))).toEqual([]);
  });

  it('starts and stops the gateway through the ControlApi', async () => {
    const { desktopTray, control, menu } = setUp();
    await desktopTray.refresh();
    (find(menu(), 'Stop')?.click as () => void)();
    expect(control.stopGateway).toHaveBeenCalledWith({});
    desktopTray.showStatus(stopped);
    (find(menu(), 'Start')?.click as () => void)();
    expect(control.startGateway).toHaveBeenCalledWith({});
  });

  it('offers Restart to update while an update is downloaded, and Show logs', async () => {
    const { desktopTray, menu, restartToUpdate, showLogs } = setUp();
    await desktopTray.refresh();
    expect(labels(menu())).not.toContain('Restart to update (2.0.0)');
    desktopTray.showUpdate('2.0.0');
    (find(menu(), 'Restart to update (2.0.0)')?.click as () => void)();
    expect(restartToUpdate).toHaveBeenCalledTimes(1);
    (find(menu(), 'Show logs')?.click as () => void)();
    expect(showLogs).toHaveBeenCalledTimes(1);
    desktopTray.showUpdate(null);
    expect(labels(menu())).not.toContain('Restart to update (2.0.0)');
  });
});
