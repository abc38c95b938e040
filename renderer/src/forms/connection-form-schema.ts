/**
 * The API Proxy page's connection form: what the user typed (strings from inputs) -> checked
 * values -> the patch of what changed. The ranges repeat the server's schema (settings-schema.ts)
 * so mistakes are caught before a round trip; the server checks again and its word is final.
 */
import { z } from 'zod';
import type { AuthMode, ProxySettingsPatch, SettingsView } from '../store/view-types.js';

export const authModeOptions = ['auto', 'off', 'strict', 'all_except_health'] as const satisfies readonly AuthMode[];

export interface ConnectionFormValues {
  port: string;
  allow_lan_access: boolean;
  auth_mode: AuthMode;
  request_timeout_s: string;
  upstream_proxy: string;
  auto_start: boolean;
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

export const connectionFormSchema = z
  .object({
    port: wholeNumber(1, 65535, 'validation.port'),
    allow_lan_access: z.boolean(),
    auth_mode: z.enum(authModeOptions),
    request_timeout_s: wholeNumber(1, 7200, 'validation.timeout'),
    upstream_proxy: z
      .string()
      .trim()
      .refine((value) => value === '' || /^(https?|socks5h?):\/\/[^\s/]+/i.test(value), 'validation.upstreamProxy'),
    auto_start: z.boolean(),
  })
  // LAN access never runs without a key (the gateway refuses to bind otherwise).
  .refine((values) => !(values.allow_lan_access && values.auth_mode === 'off'), { path: ['auth_mode'], message: 'validation.lanNeedsKey' });

export type ConnectionFormField = keyof ConnectionFormValues;

export function toConnectionFormValues(settings: SettingsView): ConnectionFormValues {
  const proxy = settings.proxy;
  return {
    port: String(proxy.port),
    allow_lan_access: proxy.allow_lan_access,
    auth_mode: proxy.auth_mode,
    request_timeout_s: String(proxy.request_timeout_s),
    upstream_proxy: proxy.upstream_proxy,
    auto_start: proxy.auto_start,
  };
}

/** Only the fields that differ from the saved settings. */
export function buildConnectionPatch(parsed: z.output<typeof connectionFormSchema>, settings: SettingsView): ProxySettingsPatch {
  const proxy = settings.proxy;
  const patch: ProxySettingsPatch = {};
  if (parsed.port !== proxy.port) patch.port = parsed.port;
  if (parsed.allow_lan_access !== proxy.allow_lan_access) patch.allow_lan_access = parsed.allow_lan_access;
  if (parsed.auth_mode !== proxy.auth_mode) patch.auth_mode = parsed.auth_mode;
  if (parsed.request_timeout_s !== proxy.request_timeout_s) patch.request_timeout_s = parsed.request_timeout_s;
  if (parsed.upstream_proxy !== proxy.upstream_proxy) patch.upstream_proxy = parsed.upstream_proxy;
  if (parsed.auto_start !== proxy.auto_start) patch.auto_start = parsed.auto_start;
  return patch;
}
