/**
 * Live events about what the UI controls, in the shape of the gateway's event bus
 * (events/gateway-event-bus.ts: `{type, data}`, one SSE frame `event: <type>` / `data: <json>`
 * each). Each carries the whole new state of its part, so a listener replaces its copy instead of
 * patching it, and a missed event is repaired by the next one.
 */
import { z } from 'zod';
import { accountDescriptionSchema } from '../accounts/describe-account.js';
import { gatewayAlertSchema } from '../alerts/gateway-alert.js';
import { gatewayStatusSchema, settingsViewSchema } from './control-operations.js';

export const controlEventSchema = z.discriminatedUnion('type', [
  /** Started, stopped, listener moved, listen error; also after settings and account changes (auth mode, counts). */
  z.object({ type: z.literal('status'), data: gatewayStatusSchema }),
  /** Any change to the pool: added, removed, enabled, quota read, cooled down. */
  z.object({ type: z.literal('accounts'), data: z.object({ items: z.array(accountDescriptionSchema) }) }),
  z.object({ type: z.literal('settings'), data: settingsViewSchema }),
  /** Something the user should hear of (alerts/gateway-alert.ts): a banner in the console, a notification on the desktop. */
  z.object({ type: z.literal('alert'), data: gatewayAlertSchema }),
]);
export type ControlEvent = z.infer<typeof controlEventSchema>;
export type ControlEventType = ControlEvent['type'];
export const controlEventTypes: readonly ControlEventType[] = ['status', 'accounts', 'settings', 'alert'];

/** Where control events go: the desktop's IPC forwarder, or the gateway's event bus behind the SSE route. */
export type ControlEventSink = (event: ControlEvent) => void;
