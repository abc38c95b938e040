/** A Google account in the pool, as persisted in `<data dir>/accounts.json`. */
import { z } from 'zod';

export const accountStatuses = ['active', 'disabled', 'forbidden', 'validation_required', 'revoked'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export const modelQuotaSchema = z.object({
  /** 0..1; an exhausted model may come without it (UPSTREAM-PROTOCOL.md §10), stored as 0. */
  remainingFraction: z.number().min(0).max(1),
  /** ISO-8601 time the quota resets, when known. */
  resetTime: z.string().optional(),
  displayName: z.string().optional(),
});
export type ModelQuota = z.infer<typeof modelQuotaSchema>;

/** An account resting for one model (key = model id) or for all models (key `*`). */
export const cooldownSchema = z.object({
  /** ISO-8601 time the account may be used again. */
  until: z.string(),
  /** Why: `rate_limited`, `quota_exhausted`, `capacity`, `server_error`… */
  reason: z.string(),
  /** Consecutive limits without a success, for escalating cooldowns. */
  strikes: z.number().int().min(1).default(1),
});
export type Cooldown = z.infer<typeof cooldownSchema>;

export const allModels = '*';

/** One label: trimmed, 1..40 characters. */
export const accountLabelSchema = z.string().trim().min(1).max(40);
export const maxAccountLabels = 20;

export const accountSchema = z.object({
  email: z.string().min(3),
  refreshToken: z.string().min(1),
  projectId: z.string().optional(),
  /** Tier id from loadCodeAssist (`paidTier` wins over `currentTier`). */
  tier: z.string().optional(),
  status: z.enum(accountStatuses).default('active'),
  statusReason: z.string().optional(),
  validationUrl: z.string().optional(),
  addedAt: z.string(),
  lastUsedAt: z.string().optional(),
  lastError: z.string().optional(),
  quotas: z.record(z.string(), modelQuotaSchema).default({}),
  quotasUpdatedAt: z.string().optional(),
  /** Egress proxy for this account only; empty = `proxy.upstream_proxy`. */
  upstreamProxy: z.string().optional(),
  cooldowns: z.record(z.string(), cooldownSchema).default({}),
  /** The user's free-text labels (Accounts page filter); absent = none, so older files load as they are. */
  labels: z.array(accountLabelSchema).max(maxAccountLabels).optional(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountsFileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(accountSchema),
});
export type AccountsFile = z.infer<typeof accountsFileSchema>;
