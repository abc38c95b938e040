/**
 * The gateway's alerts (`alert` events: low quota, a model nobody can serve, an account that left
 * the pool, ...) as system notifications, so the user hears of them with the window closed. A
 * click opens the window. Electron's `Notification` comes in as a parameter, so tests pass a fake.
 */
import type { GatewayAlert } from '../proxy-core/index.js';

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

/** What this file uses of Electron's `Notification` class. */
export interface NotificationClass {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

const titles: Record<string, string> = {
  quota_low: 'Skyport: quota running low',
  model_unavailable: 'Skyport: a model cannot be served',
  account_left_pool: 'Skyport: an account left the pool',
};

export function alertNotificationTitle(alert: Pick<GatewayAlert, 'kind'>): string {
  return titles[alert.kind] ?? 'Skyport';
}

export function createAlertNotifier(options: {
  Notification: NotificationClass;
  onClick: () => void;
  logger: { warn(message: string): void };
}): (alert: GatewayAlert) => void {
  return (alert) => {
    try {
      // Some Linux desktops have no notification server: the tray line and the page still show it.
      if (!options.Notification.isSupported()) return;
      const notification = new options.Notification({ title: alertNotificationTitle(alert), body: alert.message, silent: alert.severity === 'info' });
      notification.on('click', options.onClick);
      notification.show();
    } catch (error) {
      options.logger.warn(`The alert notification could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
