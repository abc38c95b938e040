/** What the route handlers need from the running gateway, passed in rather than imported. */
import type { Account } from '../accounts/account-schema.js';
import type { Settings } from '../config/settings-schema.js';
import type { ControlApi } from '../control/control-operations.js';
import type { CountTokensRunner } from '../execution/run-count-tokens.js';
import type { GenerationRunner } from '../execution/run-generation.js';
import type { GatewayEvent } from '../control/gateway-event.js';
import type { GatewayEventBus } from '../events/gateway-event-bus.js';
import type { OwnerSettingResult } from '../control/set-owner-setting.js';
import type { ApiKeyGuard } from '../keys/api-key-guard.js';
import type { Logger } from '../logging/logger.js';
import type { RequestMonitor } from '../monitor/create-request-monitor.js';
import type { CredentialFailureLimiter } from './middleware/credential-failure-limiter.js';
import type { CompletedRequest } from '../monitor/completed-request.js';
import type { SignatureCache } from '../signatures/signature-cache.js';

export interface GatewayContext {
  /** Told about every finished request (the request log). */
  onRequestComplete?: (completed: CompletedRequest) => void;
  settings: () => Settings;
  accounts: () => readonly Account[];
  runGeneration: GenerationRunner;
  countTokens: CountTokensRunner;
  signatures: SignatureCache;
  logger: Logger;
  version: string;
  now: () => number;
  /** What the admin API manages; without it the admin routes answer 404. */
  admin?: AdminContext;
  /** Request log, usage and metrics (`/api/admin/logs…`, `/api/admin/usage`, `/metrics`); absent = those routes 404. */
  monitor?: RequestMonitor;
  /** Events for `/api/admin/events`: a scope of the gateway's bus, closed when the listener stops. */
  events?: GatewayEventBus<GatewayEvent>;
  /** Wrong API keys and admin credentials per network address (429 after too many); absent = one made here. */
  credentialFailures?: CredentialFailureLimiter;
  /** Which client addresses are this machine (owner-only routes, credential limits); absent = loopback. */
  isLocalClient?: (address: string) => boolean;
  /** Named API keys (keys/api-key-guard.ts); absent = the main key only. */
  apiKeys?: ApiKeyGuard;
  /** The AI routes answer (true) or refuse with 503 (stopped); absent = always serving. */
  serving?: () => boolean;
}

export interface AdminContext {
  /** Late-bound: the ControlApi is built over the gateway, after the app. */
  control: () => ControlApi;
  /** The data dir's admin token (config/admin-token.ts); absent = only the console password opens the admin API. */
  adminToken?: string;
  /** `config set|unset` for the owner (admin-owner-routes.ts, admin token only); absent = no owner routes. */
  setOwnerSetting?: (key: string, value: unknown) => Promise<OwnerSettingResult>;
}
