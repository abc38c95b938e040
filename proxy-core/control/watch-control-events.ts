/**
 * Turn the gateway's changes into control events: `status` on start/stop/listener moves and
 * errors, `accounts` on any change to the pool (coalesced: a busy gateway touches accounts on
 * many requests), `settings` on every saved change. Returns the function that stops watching.
 */
import { describeAccount } from '../accounts/describe-account.js';
import type { Gateway } from './gateway.js';
import type { ControlEventSink } from './control-events.js';
import { describeGatewayStatus } from './describe-gateway-status.js';
import type { NetworkInterfaces } from './find-lan-address.js';
import { viewSettings } from './view-settings.js';

export interface WatchControlEventsOptions {
  /** Account changes within this window go out as one event; default 250 ms. */
  accountsCoalesceMs?: number;
  networkInterfaces?: NetworkInterfaces;
  now?: () => number;
}

type WatchedGateway = Pick<Gateway, 'onStatusChange' | 'status' | 'listenOverride' | 'settings' | 'settingsStore' | 'accountStore' | 'version' | 'dataDir'>;

export function watchControlEvents(gateway: WatchedGateway, emit: ControlEventSink, options: WatchControlEventsOptions = {}): () => void {
  const now = options.now ?? Date.now;
  const coalesceMs = options.accountsCoalesceMs ?? 250;
  const status = () => emit({ type: 'status', data: describeGatewayStatus(gateway, options.networkInterfaces) });
  let accountsTimer: ReturnType<typeof setTimeout> | undefined;

  const unsubscribers = [
    gateway.onStatusChange(status),
    gateway.settingsStore.onChange((settings) => {
      emit({ type: 'settings', data: viewSettings(settings, gateway.dataDir) });
      // The auth mode and LAN address shown in the status follow the settings.
      status();
    }),
    gateway.accountStore.onChange(() => {
      if (accountsTimer !== undefined) return;
      accountsTimer = setTimeout(() => {
        accountsTimer = undefined;
        const at = now();
        emit({ type: 'accounts', data: { items: gateway.accountStore.list().map((account) => describeAccount(account, at)) } });
        // The account counts in the status follow the pool.
        status();
      }, coalesceMs);
      accountsTimer.unref?.();
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (accountsTimer !== undefined) clearTimeout(accountsTimer);
    accountsTimer = undefined;
  };
}
