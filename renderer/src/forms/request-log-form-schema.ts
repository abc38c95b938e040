/**
 * The Settings page's request log form: inputs (strings) -> checked values -> the patch of what
 * changed. The ranges repeat the server's (monitorSettingsSchema) to catch mistakes before a round
 * trip; the server checks again.
 */
import { z } from 'zod';
import type { SettingsPatch, SettingsView } from '../store/view-types.js';

export interface RequestLogFormValues {
  enable_logging: boolean;
  retention_days: string;
  max_rows: string;
  capture_bodies: boolean;
  max_body_kb: string;
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    // Thousands separators are fine to type: 100,000 or 100 000.
    .transform((value) => value.replace(/[,\s_]/g, ''))
    .pipe(z.string().regex(/^\d+$/, message))
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

export const requestLogFormSchema = z.object({
  enable_logging: z.boolean(),
  retention_days: wholeNumber(1, 3650, 'validation.retentionDays'),
  max_rows: wholeNumber(100, 10_000_000, 'validation.maxRows'),
  capture_bodies: z.boolean(),
  max_body_kb: wholeNumber(1, 10_240, 'validation.maxBodyKb'),
});

export type RequestLogFormField = keyof RequestLogFormValues;

export function toRequestLogFormValues(settings: SettingsView): RequestLogFormValues {
  return {
    enable_logging: settings.proxy.enable_logging,
    retention_days: String(settings.monitor.retention_days),
    max_rows: String(settings.monitor.max_rows),
    capture_bodies: settings.monitor.capture_bodies,
    max_body_kb: String(settings.monitor.max_body_kb),
  };
}

/** Only what differs from the saved settings. */
export function buildRequestLogPatch(parsed: z.output<typeof requestLogFormSchema>, settings: SettingsView): SettingsPatch {
  const patch: SettingsPatch = {};
  if (parsed.enable_logging !== settings.proxy.enable_logging) patch.proxy = { enable_logging: parsed.enable_logging };
  const monitor: NonNullable<SettingsPatch['monitor']> = {};
  for (const key of ['retention_days', 'max_rows', 'capture_bodies', 'max_body_kb'] as const) {
    if (parsed[key] !== settings.monitor[key]) Object.assign(monitor, { [key]: parsed[key] });
  }
  if (Object.keys(monitor).length > 0) patch.monitor = monitor;
  return patch;
}
