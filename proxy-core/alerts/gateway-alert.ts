/**
 * An alert: something about the pool the user should hear of without watching the console (an
 * account low on quota, a model nobody can serve, an account that left the pool, a client version
 * Google refuses). One generic shape for every kind, so the console banner, the desktop
 * notification and the tray show any alert the gateway publishes, including kinds added later.
 */
import { z } from 'zod';

export const gatewayAlertSeverities = ['info', 'warning', 'error'] as const;
export type GatewayAlertSeverity = (typeof gatewayAlertSeverities)[number];

/** The kinds the pool watcher publishes; other parts of the gateway may publish their own. */
export const poolAlertKinds = ['quota_low', 'model_unavailable', 'account_left_pool'] as const;

export const gatewayAlertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(gatewayAlertSeverities),
  /** One sentence for a person; names an account by email at most, never a secret. */
  message: z.string(),
  account: z.string().optional(),
  model: z.string().optional(),
  /** ISO-8601 time it was raised. */
  at: z.string(),
});
export type GatewayAlert = z.infer<typeof gatewayAlertSchema>;

/** What a publisher gives; the id and time are added when it is published. */
export type GatewayAlertInput = Omit<GatewayAlert, 'id' | 'at'>;
