/** The gateway's state as the UI shows it (status operation, `status` events, the tray). */
import { resolveAuthMode } from '../config/settings-schema.js';
import type { Gateway } from './gateway.js';
import type { GatewayStatusView } from './control-operations.js';
import { findLanAddress, type NetworkInterfaces } from './find-lan-address.js';

export type StatusSource = Pick<Gateway, 'status' | 'settings' | 'accountStore' | 'version'> & Partial<Pick<Gateway, 'listenOverride'>>;

const allInterfaces = new Set(['0.0.0.0', '::']);

export function describeGatewayStatus(gateway: StatusSource, networkInterfaces?: NetworkInterfaces): GatewayStatusView {
  const status = gateway.status();
  const settings = gateway.settings();
  const accounts = gateway.accountStore.list();
  const override = gateway.listenOverride?.() ?? {};
  let lanUrl: string | null = null;
  if (status.running && settings.proxy.allow_lan_access && status.host !== undefined && allInterfaces.has(status.host)) {
    const address = findLanAddress(networkInterfaces);
    if (address !== undefined) lanUrl = `http://${address}:${status.port}/v1`;
  }
  return {
    serving: status.serving,
    listening: status.running,
    host: status.host ?? null,
    port: status.port ?? null,
    base_url: status.baseUrl ?? null,
    lan_url: lanUrl,
    auth_mode: resolveAuthMode(settings.proxy),
    version: gateway.version,
    error: status.error ?? null,
    command_line: { port: override.port ?? null, host: override.host ?? null },
    saved: { port: settings.proxy.port, host: settings.proxy.allow_lan_access ? '0.0.0.0' : '127.0.0.1' },
    accounts: { total: accounts.length, active: accounts.filter((account) => account.status === 'active').length },
  };
}
