/**
 * Watches the account store and the settings and publishes the alerts detectPoolAlerts finds.
 * Synchronous with each change (the store tells its listeners synchronously), so an alert goes
 * out on the change that caused it. Returns the function that stops watching.
 */
import type { AccountStore } from '../accounts/account-store.js';
import type { Settings } from '../config/settings-schema.js';
import type { AlertPublisher } from './create-alert-publisher.js';
import { detectPoolAlerts, type PoolAlertState } from './detect-pool-alerts.js';

export interface WatchPoolAlertsOptions {
  accountStore: Pick<AccountStore, 'list' | 'onChange'>;
  settings: () => Settings;
  onSettingsChange: (listener: () => void) => () => void;
  alerts: Pick<AlertPublisher, 'publish'>;
  now: () => number;
}

export function watchPoolAlerts(options: WatchPoolAlertsOptions): () => void {
  let state: PoolAlertState | undefined;
  const evaluate = () => {
    const { accounts } = options.settings();
    const result = detectPoolAlerts(
      state,
      options.accountStore.list(),
      { protectionPercent: accounts.quota_protection_percent, protectionMode: accounts.quota_protection_mode },
      options.now(),
    );
    state = result.state;
    for (const alert of result.alerts) options.alerts.publish(alert);
  };
  evaluate();
  const unsubscribers = [options.accountStore.onChange(evaluate), options.onSettingsChange(evaluate)];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
