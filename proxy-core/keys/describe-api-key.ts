/** A named key as the UI, CLI and admin API see it: its rules and state, never its hash. */
import { z } from 'zod';
import type { ApiKeyRecord } from './api-key-schema.js';

export const apiKeyDescriptionSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** The public start of the secret (`skp_<id>_…`), to tell which key a tool holds. */
  prefix: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  models: z.array(z.string()),
  rpm: z.number().int().nullable(),
  disabled: z.boolean(),
  /** `expired` once past expires_at (and not disabled). */
  status: z.enum(['active', 'disabled', 'expired']),
});
export type ApiKeyDescription = z.infer<typeof apiKeyDescriptionSchema>;

export function describeApiKey(key: ApiKeyRecord, now: number): ApiKeyDescription {
  const expired = key.expires_at !== null && now >= key.expires_at;
  return {
    name: key.name,
    label: key.label,
    prefix: `skp_${key.id}_…`,
    created_at: new Date(key.created_at).toISOString(),
    expires_at: key.expires_at === null ? null : new Date(key.expires_at).toISOString(),
    models: [...key.models],
    rpm: key.rpm,
    disabled: key.disabled,
    status: key.disabled ? 'disabled' : expired ? 'expired' : 'active',
  };
}
