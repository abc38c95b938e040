/** Quota protection (threshold and mode) and warm-up: the `accounts.*` settings the API Proxy page edits. */
import { z } from 'zod';
import type { SettingsPatch, SettingsView } from '../store/view-types.js';

export const protectionModeOptions = ['strict', 'fallback'] as const satisfies ReadonlyArray<SettingsView['accounts']['quota_protection_mode']>;

export interface ProtectionFormValues {
  quota_protection_percent: string;
  quota_protection_mode: SettingsView['accounts']['quota_protection_mode'];
  warmup: string;
}

export const protectionFormSchema = z.object({
  quota_protection_percent: z
    .string()
    .trim()
    .regex(/^\d+$/, 'validation.protectionPercent')
    .transform(Number)
    .pipe(z.number().int().min(0, 'validation.protectionPercent').max(99, 'validation.protectionPercent')),
  quota_protection_mode: z.enum(protectionModeOptions),
  // The same rule as the gateway's schema (proxy-core/config/settings-schema.ts), which checks again.
  warmup: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === 'off' || value === 'on_reset' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(value), 'validation.warmup'),
});

export function toProtectionFormValues(settings: SettingsView): ProtectionFormValues {
  return {
    quota_protection_percent: String(settings.accounts.quota_protection_percent),
    quota_protection_mode: settings.accounts.quota_protection_mode,
    warmup: settings.accounts.warmup,
  };
}

export function buildProtectionPatch(parsed: z.output<typeof protectionFormSchema>, settings: SettingsView): SettingsPatch {
  const accounts: NonNullable<SettingsPatch['accounts']> = {};
  if (parsed.quota_protection_percent !== settings.accounts.quota_protection_percent) accounts.quota_protection_percent = parsed.quota_protection_percent;
  if (parsed.quota_protection_mode !== settings.accounts.quota_protection_mode) accounts.quota_protection_mode = parsed.quota_protection_mode;
  if (parsed.warmup !== settings.accounts.warmup) accounts.warmup = parsed.warmup;
  return { accounts };
}
