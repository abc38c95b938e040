/** Schemas of the smaller forms: console password, quota refresh interval, settings import file. */
import { z } from 'zod';

export const consolePasswordSchema = z.object({
  password: z.string().min(8, 'validation.passwordLength').max(256, 'validation.tooLong'),
  confirm: z.string(),
}).refine((values) => values.password === values.confirm, { path: ['confirm'], message: 'validation.passwordMismatch' });

export const quotaRefreshSchema = z.object({
  quota_refresh_min: z.string().trim().regex(/^\d+$/, 'validation.quotaRefresh').transform(Number).pipe(z.number().int().min(1, 'validation.quotaRefresh').max(1440, 'validation.quotaRefresh')),
});

/** An exported settings file: a JSON object (the server validates what is inside). */
export function parseSettingsDocument(text: string): { ok: true; document: Record<string, unknown> } | { ok: false; errorKey: 'validation.importNotJson' | 'validation.importNotObject' } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errorKey: 'validation.importNotJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errorKey: 'validation.importNotObject' };
  return { ok: true, document: value as Record<string, unknown> };
}
