/**
 * The gateway as whoever controls it sees it: the ControlApi (control/*), the desktop's main
 * process and the headless CLI. create-gateway.ts builds the one implementation. The interface
 * lives here, with its first user, so that control/ does not import create-gateway.ts (which
 * imports control/ to build the ControlApi); the values the server reports through it (the
 * listener's status, the route list) are defined here too, and the server fills them in.
 */
import type { Account } from '../accounts/account-schema.js';
import type { AccountStore } from '../accounts/account-store.js';
import type { GoogleSignIn, GoogleSignInOptions } from '../accounts/google-sign-in.js';
import type { QuotaRefreshResult } from '../accounts/quota-refresher.js';
import type { AccountProxyTestResult } from '../accounts/test-account-proxy.js';
import type { AlertPublisher } from '../alerts/create-alert-publisher.js';
import type { Settings } from '../config/settings-schema.js';
import type { SettingsStore } from '../config/settings-store.js';
import type { GatewayEventBus } from '../events/gateway-event-bus.js';
import type { ApiKeyStore } from '../keys/api-key-store.js';
import type { RequestMonitor } from '../monitor/create-request-monitor.js';
import type { WarmUpResult } from '../warmup/warm-up-accounts.js';
import type { ControlApi } from './control-operations.js';
import type { GatewayEvent } from './gateway-event.js';

/** The listener and the serving flag (server/gateway-listener.ts keeps them). */
export interface GatewayStatus {
  /** The listener is bound. */
  running: boolean;
  /** The AI routes answer (false: they refuse with 503). */
  serving: boolean;
  host?: string;
  port?: number;
  baseUrl?: string;
  /** The last listen failure (port in use …); cleared by the next successful start or move, and by stop. */
  error?: string;
}

/** Every route the server answers (server/route-catalog.ts), also for the 404 that points a misconfigured client to the right one. */
export interface RouteEntry {
  method: 'GET' | 'POST' | 'HEAD' | 'DELETE' | 'PUT';
  path: string;
}

export interface Gateway {
  readonly settingsStore: SettingsStore;
  readonly accountStore: AccountStore;
  /** Named API keys besides `proxy.api_key` (`<dataDir>/api-keys.json`, hashed); see keys/api-key-store.ts. */
  readonly apiKeys: ApiKeyStore;
  readonly dataDir: string;
  readonly version: string;
  /** Every UI operation (IPC, `/api/admin/control/*`), built over this gateway. */
  readonly control: ControlApi;
  /** Request log (`<dataDir>/skyport.db`), usage statistics and metrics; see monitor/create-request-monitor.ts. */
  readonly monitor: RequestMonitor;
  /** What happens while the gateway runs (`log`, `status`, `accounts`, `settings`), for in-process watchers. */
  readonly events: GatewayEventBus<GatewayEvent>;
  /**
   * Publish an alert (`alert` on the event bus: console banner, desktop notification, tray), rate
   * limited per kind, account and model; `recent()` lists the latest. See alerts/gateway-alert.ts.
   */
  readonly alerts: AlertPublisher;
  /**
   * The owner's admin credential (`<dataDir>/admin-token`, made at first start): it opens the
   * admin API, the API key never does. `npm run skyport -- console-login` prints it.
   */
  readonly adminToken: string;
  /** Every route the HTTP listener answers (method and path template). */
  routes(): readonly RouteEntry[];
  /** Settings in force: the stored ones with environment overrides applied. */
  settings(): Settings;
  addAccountByRefreshToken(refreshToken: string): Promise<Account>;
  /** Sign in with Google in a browser (loopback redirect, or paste the address by hand); see accounts/google-sign-in.ts. */
  startGoogleSignIn(options?: GoogleSignInOptions): Promise<GoogleSignIn>;
  /**
   * Warm up now: one minimal request per model family on one account, or on every active one
   * (warmup/warm-up-accounts.ts). Never throws; skips and failures are in the results.
   */
  warmUp(email?: string): Promise<WarmUpResult[]>;
  /** Read quotas now: one account, or every usable one. Never throws; failures are in the results. */
  refreshQuotas(email?: string): Promise<QuotaRefreshResult[]>;
  /**
   * A real token refresh and quota read for the account through `proxyUrl` ('' = the global
   * `proxy.upstream_proxy`, or direct), timed; nothing stored (accounts/test-account-proxy.ts).
   */
  testAccountProxy(email: string, proxyUrl: string): Promise<AccountProxyTestResult>;
  /** Binds when not bound, then serves; a bind failure stays in `status().error` and is thrown. */
  start(): Promise<GatewayStatus>;
  /** Stops serving and closes the listener (in-flight requests get `drainMs`). */
  stop(options?: { drainMs?: number }): Promise<void>;
  /** Serving on/off with the listener kept: stopped AI routes answer 503, the admin API and console stay up. */
  setServing(serving: boolean): void;
  /**
   * Follow a changed port or LAN setting: binds the new address (a change made here wins over the
   * run's `listen` override of that part). On failure the old listener keeps serving and this throws.
   */
  moveListener(changed: { port: boolean; host: boolean }): Promise<GatewayStatus>;
  /** Close and bind again with the settings in force, serving. */
  restart(): Promise<GatewayStatus>;
  status(): GatewayStatus;
  /** This run's `listen` override still in force (CLI `--port`, `--host`): what the saved settings do not say. */
  listenOverride(): { host?: string; port?: number };
  onStatusChange(listener: (status: GatewayStatus) => void): () => void;
  /** Close everything (listener, upstream connections). */
  close(): Promise<void>;
}
