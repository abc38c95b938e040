/**
 * A named API key as stored in `<data dir>/api-keys.json`: never its secret, only the SHA-256 of
 * it. The secret is 32 random bytes, so a fast hash is enough (nothing to brute-force, unlike a
 * password), and the check stays cheap on the AI hot path.
 */
import { z } from 'zod';

/** Names the request log already uses for the main key and for "no key checked". */
export const reservedKeyNames = ['default', 'none'] as const;

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, ".", "_" and "-" and must start with a letter or digit')
  .refine((name) => !(reservedKeyNames as readonly string[]).includes(name.toLowerCase()), {
    message: `"default" and "none" are taken by the main key and by requests without a key`,
  });

/** A model allow-list entry: an exact model name or a pattern with `*` (as in mapping rules). */
export const modelPatternSchema = z.string().trim().min(1, 'a model pattern must not be empty').max(200);

const labelSchema = z.string().max(200);
const expiresAtSchema = z.number().int().nullable();
const modelsSchema = z.array(modelPatternSchema).max(100);
const rpmSchema = z.number().int().min(1).max(100_000).nullable();

/** A change of a key's rules: only the fields given (no defaults, so an absent field stays as it is). */
export const apiKeyPatchSchema = z
  .object({ label: labelSchema, expires_at: expiresAtSchema, models: modelsSchema, rpm: rpmSchema, disabled: z.boolean() })
  .partial()
  .strict();

export const apiKeyRecordSchema = z.object({
  /** Public: the part of the secret before the random tail (`skp_<id>_…`); finds the record in O(1). */
  id: z.string().regex(/^[0-9a-f]{12}$/),
  name: apiKeyNameSchema,
  label: labelSchema.default(''),
  /** SHA-256 of the whole secret, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.number().int(),
  /** Epoch ms; null = never. */
  expires_at: expiresAtSchema.default(null),
  /** Empty = every model. */
  models: modelsSchema.default([]),
  /** Requests per minute; null = no limit. */
  rpm: rpmSchema.default(null),
  disabled: z.boolean().default(false),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>;

export const apiKeyFileSchema = z.object({
  version: z.literal(1),
  keys: z.array(apiKeyRecordSchema),
});
