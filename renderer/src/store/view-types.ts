/** The shapes the UI shows, taken from the ControlApi contract (never restated by hand). */
import type { ControlInput, ControlOutput, DesktopSettingsView, SkyportEvent } from '../bridge/bridge-types.js';

export type { DesktopSettingsView };

export type GatewayStatusView = ControlOutput<'getStatus'>;
export type SettingsView = ControlOutput<'getSettings'>;
export type SettingsPatch = ControlInput<'updateSettings'>;
export type ProxySettingsPatch = NonNullable<SettingsPatch['proxy']>;
export type AccountView = ControlOutput<'listAccounts'>['items'][number];
/** A gateway alert (the `alert` event's data): proxy-core/alerts/gateway-alert.ts. */
export type AlertView = Extract<SkyportEvent, { type: 'alert' }>['data'];
export type WarmUpResult = ControlOutput<'warmUpAccounts'>['results'][number];
export type AccountStatus = AccountView['status'];
export type MappingRule = ControlOutput<'listMappingRules'>['rules'][number];
export type MappingPreset = ControlOutput<'listMappingPresets'>['presets'][number];
export type MappingPreview = ControlOutput<'previewMapping'>;
export type SignInView = ControlOutput<'getGoogleSignIn'>;
export type TokenImportResult = ControlOutput<'importRefreshTokens'>['results'][number];
export type QuotaRefreshResult = ControlOutput<'refreshQuota'>['results'][number];
export type BulkAccountAction = ControlInput<'bulkAccountAction'>['action'];
export type BulkAccountResult = ControlOutput<'bulkAccountAction'>['results'][number];
export type AccountProxyTestResult = ControlOutput<'testAccountProxy'>;
export type TierPreference = SettingsView['proxy']['scheduling']['prefer_tier'];
export type MonitorSettingsView = SettingsView['monitor'];
export type RequestLogQuery = ControlInput<'queryLogs'>;
export type RequestLogPage = ControlOutput<'queryLogs'>;
export type RequestLogSummary = RequestLogPage['items'][number];
export type RequestLogDetail = ControlOutput<'getLog'>['item'];
export type RequestLogAttempt = RequestLogDetail['attempts'][number];
export type UsageQuery = ControlInput<'getUsage'>;
export type UsageReport = ControlOutput<'getUsage'>;
export type AuthMode = SettingsView['proxy']['auth_mode'];
export type SchedulingMode = SettingsView['proxy']['scheduling']['mode'];

/** A server resource as cached by the store. `data` stays while a reload runs or fails. */
export interface Resource<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

export function emptyResource<T>(): Resource<T> {
  return { data: null, loading: false, error: null };
}

/** What a save returns to the form that asked: the server's refusal is shown beside the form. */
export type ActionOutcome<T = undefined> = { ok: true; value: T } | { ok: false; error: string };
