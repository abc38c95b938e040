/**
 * Wire the gateway from a data directory: settings and account stores, upstream client, token
 * manager, scheduler, runner and the HTTP app; start and stop the listener. The desktop main
 * process and the headless CLI both build on this and nothing else.
 */
import { join } from 'node:path';
import { createAccountScheduler } from './accounts/account-scheduler.js';
import { createAccountStore, type SecretCodec } from './accounts/account-store.js';
import { addAccountByRefreshToken } from './accounts/add-account-by-refresh-token.js';
import { addAccountFromTokens, type AddAccountDependencies } from './accounts/add-account-from-tokens.js';
import { startGoogleSignIn, type GoogleSignIn, type GoogleSignInOptions } from './accounts/google-sign-in.js';
import { createQuotaRefresher } from './accounts/quota-refresher.js';
import { refreshAccountQuotas } from './accounts/refresh-account-quotas.js';
import { createUndiciOAuthHttp, refreshAccessToken, type OAuthHttp } from './accounts/google-oauth.js';
import { resolveOAuthClientCredentials } from './accounts/oauth-client-credentials.js';
import { createTokenManager } from './accounts/token-manager.js';
import { readOrCreateAdminToken } from './config/admin-token.js';
import { applyEnvironmentOverrides, type Environment } from './config/apply-environment-overrides.js';
import { resolveAuthMode, type Settings } from './config/settings-schema.js';
import { createSettingsStore, type SettingsDocument } from './config/settings-store.js';
import type { ControlApi } from './control/control-operations.js';
import { createControlApi, type ControlApiOptions } from './control/create-control-api.js';
import type { Gateway } from './control/gateway.js';
import { setOwnerSetting } from './control/set-owner-setting.js';
import { watchControlEvents } from './control/watch-control-events.js';
import { GatewayError } from './errors/gateway-error.js';
import { createGatewayEventBus } from './events/gateway-event-bus.js';
import type { GatewayEvent } from './control/gateway-event.js';
import { createAlertPublisher } from './alerts/create-alert-publisher.js';
import { watchPoolAlerts } from './alerts/watch-pool-alerts.js';
import { createWarmUp } from './warmup/warm-up-accounts.js';
import { createWarmUpTimer } from './warmup/create-warm-up-timer.js';
import { createCountTokensRunner } from './execution/run-count-tokens.js';
import { createGenerationRunner, type GenerationRunnerDeps } from './execution/run-generation.js';
import { createApiKeyGuard } from './keys/api-key-guard.js';
import { createApiKeyStore } from './keys/api-key-store.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createRequestMonitor } from './monitor/create-request-monitor.js';
import { readPackageVersion } from './util/read-package-version.js';
import { throttlePerKey } from './util/throttle-per-key.js';
import { createApp } from './server/create-app.js';
import { createGatewayListener } from './server/gateway-listener.js';
import { createCredentialFailureLimiter, isLoopbackAddress } from './server/middleware/credential-failure-limiter.js';
import type { ListenerLimits } from './server/listen-http.js';
import { createResponsesWebSocket } from './server/responses-websocket/create-responses-websocket.js';
import { createSignatureCache } from './signatures/signature-cache.js';
import type { CloudCodeApi } from './upstream/cloud-code-api.js';
import { createCloudCodeClient } from './upstream/cloud-code-client.js';
import { createDispatcherCache, createUpstreamDispatcher } from './upstream/create-upstream-dispatcher.js';
import { testAccountProxy } from './accounts/test-account-proxy.js';
import { createFeedTextFetcher } from './upstream/create-feed-text-fetcher.js';
import { createClientVersionResolver } from './upstream/resolve-client-version.js';

export interface GatewayOptions {
  dataDir: string;
  environment?: Environment;
  logger?: Logger;
  /** Overrides of the bind address for this run (CLI `--host`, `--port`); not persisted. */
  listen?: { host?: string; port?: number };
  secretCodec?: SecretCodec;
  /** better-sqlite3's addon built for Electron's Node ABI (`npm start` builds it into out/native/). */
  sqliteNativeBinding?: string;
  now?: () => number;
  /** Refresh quotas on the `accounts.quota_refresh_min` timer (default true; one-shot CLI commands turn it off). */
  backgroundQuotaRefresh?: boolean;
  /** Where settings are kept instead of `<dataDir>/config.json` (the desktop's electron-store). */
  settingsDocument?: SettingsDocument;
  /** How the ControlApi behaves here (the desktop closes the listener on Stop). */
  control?: ControlApiOptions;
  /** Time limits for receiving a request (slowloris); tests shorten them. Default: server/listen-http.ts. */
  listenerLimits?: ListenerLimits;
  /**
   * Which client addresses count as this machine, exempt from the wrong-credential limit (default:
   * 127.0.0.0/8 and ::1). Tests narrow it so that a client bound to 127.0.0.2 stands for a LAN
   * caller without any traffic leaving loopback.
   */
  isLocalClient?: (address: string) => boolean;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

export function resolveBindAddress(settings: Settings, override: GatewayOptions['listen']): { host: string; port: number } {
  const host = override?.host ?? (settings.proxy.allow_lan_access ? '0.0.0.0' : '127.0.0.1');
  const port = override?.port ?? settings.proxy.port;
  // LAN access never runs without a key.
  if (!loopbackHosts.has(host) && resolveAuthMode(settings.proxy) === 'off') {
    throw new GatewayError(
      'invalid_request',
      `Refusing to listen on ${host} without an API key: set proxy.auth_mode to auto, strict or all_except_health.`,
    );
  }
  return { host, port };
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const environment = options.environment ?? process.env;
  const now = options.now ?? Date.now;
  const settingsStore = await createSettingsStore(
    options.settingsDocument ? { document: options.settingsDocument, logger } : { filePath: join(options.dataDir, 'config.json'), logger },
  );
  const accountStore = await createAccountStore({
    filePath: join(options.dataDir, 'accounts.json'),
    logger,
    ...(options.secretCodec ? { secretCodec: options.secretCodec } : {}),
  });
  const apiKeys = await createApiKeyStore({ filePath: join(options.dataDir, 'api-keys.json'), now, logger });
  const apiKeyGuard = createApiKeyGuard(apiKeys, now);
  let effective = applyEnvironmentOverrides(settingsStore.get(), environment);

  const dispatchers = createDispatcherCache();
  // The Antigravity version presented upstream (upstream.client_version; `auto` reads the release feed).
  const clientVersion = createClientVersionResolver({
    settings: () => effective.upstream,
    fetchText: createFeedTextFetcher(() => dispatchers.get(effective.proxy.upstream_proxy || undefined)),
    cacheFile: join(options.dataDir, 'client-version.json'),
    logger,
    now,
  });
  // Read the feed at start (auto only), so the first request already presents the current version.
  if (options.backgroundQuotaRefresh !== false) void clientVersion.refresh();
  // Late-bound: the alert publisher is built further down.
  let reportClientVersionRefused = (_version: string): void => {};
  const buildApi = (settings: Settings) =>
    createCloudCodeClient({
      baseUrls: settings.upstream.base_urls,
      dispatchers,
      clientVersion: () => clientVersion.current(),
      onClientVersionRefused: (refused) => reportClientVersionRefused(refused),
      ...(settings.proxy.upstream_proxy === '' ? {} : { defaultProxyUrl: settings.proxy.upstream_proxy }),
    });
  let currentApi = buildApi(effective);
  settingsStore.onChange((next) => {
    effective = applyEnvironmentOverrides(next, environment);
    currentApi = buildApi(effective);
  });
  const api: CloudCodeApi = {
    streamGenerateContent: (context, envelope) => currentApi.streamGenerateContent(context, envelope),
    countTokens: (context, model, contents) => currentApi.countTokens(context, model, contents),
    loadCodeAssist: (context, project) => currentApi.loadCodeAssist(context, project),
    onboardUser: (context, tierId, project) => currentApi.onboardUser(context, tierId, project),
    fetchAvailableModels: (context, project) => currentApi.fetchAvailableModels(context, project),
  };

  // Token and userinfo calls go through the upstream proxy in force now, not the one at start.
  const oauthHttp: OAuthHttp = (url, init) => createUndiciOAuthHttp(dispatchers.get(effective.proxy.upstream_proxy || undefined))(url, init);
  const tokens = createTokenManager({
    store: accountStore,
    logger,
    refresh: (refreshToken) => {
      const { clientId, clientSecret } = resolveOAuthClientCredentials(effective.upstream);
      return refreshAccessToken(oauthHttp, { tokenUrl: effective.upstream.oauth_token_url, clientId, clientSecret, refreshToken });
    },
  });
  const addAccountDeps = (): AddAccountDependencies => ({ http: oauthHttp, api, store: accountStore, upstream: effective.upstream, logger });
  const signIns = new Set<GoogleSignIn>();
  const signIn = async (signInOptions?: GoogleSignInOptions): Promise<GoogleSignIn> => {
    const started = await startGoogleSignIn({
      ...signInOptions,
      upstream: effective.upstream,
      http: oauthHttp,
      addAccount: (verified, { signal }) => addAccountFromTokens(addAccountDeps(), verified, { signal }),
      logger,
      now,
    });
    signIns.add(started);
    void started.completion.then(
      () => signIns.delete(started),
      () => signIns.delete(started),
    );
    return started;
  };
  const quotaRefresher = createQuotaRefresher({
    store: accountStore,
    refresh: (email, signal) =>
      refreshAccountQuotas({ store: accountStore, api, accessToken: (account) => tokens.getAccessToken(account), now, signal }, email),
    intervalMinutes: () => effective.accounts.quota_refresh_min,
    now,
    logger,
  });
  settingsStore.onChange(() => quotaRefresher.reschedule());
  if (options.backgroundQuotaRefresh !== false) quotaRefresher.start();
  const signatures = createSignatureCache({ now });
  const scheduler = createAccountScheduler({
    accounts: () => accountStore.list(),
    settings: () => ({
      mode: effective.proxy.scheduling.mode,
      maxWaitSeconds: effective.proxy.scheduling.max_wait_s,
      preferTier: effective.proxy.scheduling.prefer_tier,
      preferredAccount: effective.proxy.preferred_account,
      quotaProtection: { percent: effective.accounts.quota_protection_percent, mode: effective.accounts.quota_protection_mode },
    }),
    now,
  });
  const accountAccess = {
    scheduler,
    accessToken: (email: string) => tokens.getAccessToken(email),
    invalidateAccessToken: (email: string) => tokens.invalidate(email),
    api,
  };
  const generationDeps: GenerationRunnerDeps = {
    ...accountAccess,
    // After a limit the quota data may hold the precise reset time; once a minute per account at most.
    refreshQuota: throttlePerKey((email) => void quotaRefresher.refreshNow(email).catch(() => {}), 60_000, now),
    accounts: () => accountStore.list(),
    updateAccount: (email, patch) => accountStore.update(email, patch),
    logger,
    now,
    signatures,
    settings: () => ({ maxAttempts: effective.proxy.max_attempts, requestTimeoutSeconds: effective.proxy.request_timeout_s }),
  };
  const runGeneration = createGenerationRunner(generationDeps);
  const countTokens = createCountTokensRunner({ ...accountAccess, now, maxAttempts: () => effective.proxy.max_attempts });
  const version = readPackageVersion();
  const events = createGatewayEventBus<GatewayEvent>({ logger });
  const alerts = createAlertPublisher({ emit: (alert) => events.publish({ type: 'alert', data: alert }), now });
  reportClientVersionRefused = (refused) => {
    alerts.publish({
      kind: 'client_version_refused',
      severity: 'error',
      message: `Google refuses client version ${refused}; set upstream.client_version to the current Antigravity version (or "auto").`,
    });
  };
  // Low quota, a model nobody can serve, an account leaving the pool: told once per change.
  const stopPoolAlerts = watchPoolAlerts({
    accountStore,
    settings: () => effective,
    onSettingsChange: (listener) => settingsStore.onChange(() => listener()),
    alerts,
    now,
  });
  // SSE streams of /api/admin/events subscribe through this scope; it is closed when the listener stops.
  const httpEvents = events.scope();
  const monitor = await createRequestMonitor({
    databasePath: join(options.dataDir, 'skyport.db'),
    ...(options.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.sqliteNativeBinding }),
    settings: () => effective,
    accounts: () => accountStore.list(),
    events,
    logger,
    now,
    version,
  });
  const warmUp = createWarmUp({
    accounts: () => accountStore.list(),
    protectionPercent: () => effective.accounts.quota_protection_percent,
    // The same runner (retry rules, cooldowns, tokens) over a pool of just this account.
    runOnAccount: (email, request) =>
      createGenerationRunner({
        ...generationDeps,
        scheduler: createAccountScheduler({
          accounts: () => accountStore.list().filter((account) => account.email === email),
          settings: () => ({ mode: 'performance_first', maxWaitSeconds: 0, preferredAccount: '' }),
          now,
        }),
      })(request),
    record: (completed) => monitor.record(completed),
    refreshQuota: (email) => quotaRefresher.refreshNow(email),
    now,
  });
  const warmUpTimer = createWarmUpTimer({
    setting: () => effective.accounts.warmup,
    accounts: () => accountStore.list(),
    warmUp: (email, warmUpOptions) => warmUp.warmUp(email, warmUpOptions),
    // Scheduled warm-ups only while serving (isServing is bound below, before the first check).
    active: () => isServing(),
    now,
    logger,
  });
  if (options.backgroundQuotaRefresh !== false) warmUpTimer.start();
  const controlRef: { current?: ControlApi } = {};
  const listenOverride = { ...options.listen };
  // Late-bound: the app needs the listener's flag and the ControlApi, both built after it.
  let isServing = () => false;
  // Made with the data dir (0700) on the first start; the desktop has one too, so the CLI and a
  // browser console can reach the desktop's gateway as well as a headless one.
  const adminToken = await readOrCreateAdminToken(options.dataDir);
  // One budget of wrong credentials per network address, shared by the AI routes, the admin API and the WebSocket handshake.
  const isLocalClient = options.isLocalClient ?? isLoopbackAddress;
  const credentialFailures = createCredentialFailureLimiter({ now, isLocal: isLocalClient });
  const app = createApp({
    credentialFailures,
    isLocalClient,
    apiKeys: apiKeyGuard,
    onRequestComplete: (completed) => monitor.record(completed),
    monitor,
    events: httpEvents,
    serving: () => isServing(),
    settings: () => effective,
    accounts: () => accountStore.list(),
    runGeneration,
    countTokens,
    signatures,
    logger,
    version,
    now,
    admin: {
      adminToken,
      // Called per request, after `gateway` below exists.
      setOwnerSetting: (key, value) => setOwnerSetting(gateway, key, value),
      control: () => {
        if (controlRef.current === undefined) throw new GatewayError('internal', 'The control API is not ready yet');
        return controlRef.current;
      },
    },
  });

  const responsesSocket = createResponsesWebSocket({
    // The app's own guards: the same checks, wrong-credential budget and body limit as HTTP.
    guards: app.guards,
    // Each turn runs in-process through the app's pipeline, as its HTTP POST /v1/responses would.
    turnsFor: app.responsesTurns,
    logger,
    now,
  });

  const listener = createGatewayListener({
    handler: app,
    onUpgrade: responsesSocket.handleUpgrade,
    resolveAddress: () => resolveBindAddress(effective, listenOverride),
    describeAuth: () => resolveAuthMode(effective.proxy),
    logger,
    ...(options.listenerLimits === undefined ? {} : { limits: options.listenerLimits }),
  });
  isServing = () => listener.status().serving;
  listener.onChange((current) => {
    if (!current.running) {
      httpEvents.closeAll();
      responsesSocket.closeAll();
    }
  });

  const gateway: Omit<Gateway, 'control'> = {
    settingsStore,
    accountStore,
    apiKeys,
    dataDir: options.dataDir,
    adminToken,
    routes: () => app.routes(),
    version,
    monitor,
    events,
    alerts,
    settings: () => effective,
    addAccountByRefreshToken: (refreshToken) => addAccountByRefreshToken(addAccountDeps(), refreshToken),
    startGoogleSignIn: signIn,
    refreshQuotas: (email) => quotaRefresher.refreshNow(email),
    async testAccountProxy(email, proxyUrl) {
      const account = accountStore.get(email);
      if (account === undefined) throw new GatewayError('not_found', `No account ${email}.`, { code: 'account_not_found', param: 'email' });
      const { clientId, clientSecret } = resolveOAuthClientCredentials(effective.upstream);
      return testAccountProxy(
        {
          createDispatcher: (url) => createUpstreamDispatcher({ ...(url === '' ? {} : { proxyUrl: url }), connectTimeoutMs: 10_000 }),
          oauthHttp: (dispatcher) => createUndiciOAuthHttp(dispatcher),
          refreshAccessToken: (http, refreshToken) => refreshAccessToken(http, { tokenUrl: effective.upstream.oauth_token_url, clientId, clientSecret, refreshToken }),
          api,
          now,
        },
        account,
        proxyUrl === '' ? effective.proxy.upstream_proxy : proxyUrl,
      );
    },
    warmUp: (email) => warmUp.warmUp(email),
    start: () => listener.start(),
    stop: (stopOptions) => listener.stop(stopOptions),
    setServing: (serving) => listener.setServing(serving),
    async moveListener(changed) {
      const before = { ...listenOverride };
      if (changed.port) delete listenOverride.port;
      if (changed.host) delete listenOverride.host;
      try {
        return await listener.move();
      } catch (error) {
        Object.assign(listenOverride, before);
        throw error;
      }
    },
    restart: () => listener.restart(),
    status: () => listener.status(),
    listenOverride: () => ({ ...listenOverride }),
    onStatusChange: (onChange) => listener.onChange(onChange),
    async close() {
      await listener.stop({ drainMs: 0 });
      // After the listener: the requests it cut are recorded too, then everything is written.
      monitor.close();
      stopControlEvents();
      stopPoolAlerts();
      await warmUpTimer.stop();
      events.closeAll();
      for (const pending of signIns) pending.cancel();
      await quotaRefresher.stop();
      await accountStore.flush();
      await dispatchers.closeAll();
    },
  };
  const control = createControlApi(gateway, {
    logger,
    now,
    // "Import from this computer" opens Antigravity's SQLite database with the same addon as the request log.
    ...(options.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.sqliteNativeBinding }),
    ...options.control,
  });
  controlRef.current = control;
  // Status, account and settings changes go on the bus: the SSE route and the desktop's IPC forward them.
  const stopControlEvents = watchControlEvents(gateway, (event) => events.publish(event));
  return { ...gateway, control };
}
