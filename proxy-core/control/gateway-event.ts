/**
 * Every kind of event on the gateway's event bus (events/gateway-event-bus.ts), which the UI hears
 * in process and over `GET /api/admin/events`. It is defined here, above the layers that publish
 * (the monitor's `log`, control's status, accounts, settings and alerts), so the bus imports none of them.
 */
import type { RequestLogEvent } from '../monitor/describe-request-log.js';
import { controlEventTypes, type ControlEvent } from './control-events.js';

export type GatewayEvent =
  /** A request finished and was recorded (the request log's summary row). */
  | RequestLogEvent
  /** Gateway status, accounts and settings, as the UI's ControlApi describes them (control-events.ts). */
  | ControlEvent;

export type GatewayEventType = GatewayEvent['type'];
export const gatewayEventTypes: readonly GatewayEventType[] = ['log', ...controlEventTypes];
