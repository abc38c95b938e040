import { describe, expect, it, vi } from 'vitest';
import type { GatewayAlert } from '../proxy-core/index.js';
import { createAlertNotifier, type NotificationClass } from './alert-notifier.js';

vi.mock('electron', () => ({ default: {} }));

const alert: GatewayAlert = {
  id: 'alert_1',
  kind: 'account_left_pool',
  severity: 'error',
  message: 'bob@example.com left the pool: its sign-in no longer works. Sign in with it again to use it.',
  account: 'bob@example.com',
  at: '2026-12-07T12:00:00.000Z',
};

function fakeNotification(supported = true) {
  const shown: Array<{ options: { title: string; body: string; silent?: boolean }; click?: () => void }> = [];
  class FakeNotification {
    static isSupported = () => supported;
    private readonly entry: (typeof shown)[number];
    constructor(options: { title: string; body: string; silent?: boolean }) {
      this.entry = { options };
    }
    on(_event: 'click', listener: () => void) {
      this.entry.click = listener;
      return this;
    }
    show() {
      shown.push(this.entry);
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, shown };
}

describe('createAlertNotifier', () => {
  it('shows each alert as a system notification whose click opens the window', () => {
    const { Notification, shown } = fakeNotification();
    const onClick = vi.fn();
    const notify = createAlertNotifier({ Notification, onClick, logger: { warn: vi.fn() } });
    notify(alert);
    notify({ ...alert, id: 'alert_2', kind: 'quota_low', severity: 'info', message: 'low' });
    notify({ ...alert, id: 'alert_3', kind: 'client_version_refused', severity: 'error', message: 'Google refuses client version 1.0' });
    expect(shown.map((entry) => entry.options)).toEqual([
      { title: 'Skyport: an account left the pool', body: alert.message, silent: false },
      { title: 'Skyport: quota running low', body: 'low', silent: true },
      { title: 'Skyport', body: 'Google refuses client version 1.0', silent: false },
    ]);
    shown[0]?.click?.();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows nothing where the system has no notifications, and never throws', () => {
    const unsupported = fakeNotification(false);
    const warn = vi.fn();
    createAlertNotifier({ Notification: unsupported.Notification, onClick: vi.fn(), logger: { warn } })(alert);
    expect(unsupported.shown).toEqual([]);
    const broken = { isSupported: () => true } as unknown as NotificationClass;
    expect(() => createAlertNotifier({ Notification: broken, onClick: vi.fn(), logger: { warn } })(alert)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be shown'));
  });
});
