/**
 * What the renderer gets as `window.skyport` in the desktop app (the preload builds it from
 * controlOperationNames): every ControlApi operation, plus live events. The web console's HTTP
 * bridge presents the same shape over `/api/admin/control/*` and `/api/admin/events`. Types only:
 * the renderer imports this with `import type`.
 */
import type { GatewayEvent } from './gateway-event.js';
import type { ControlApi } from './control-operations.js';

/** Everything main pushes on `skyport:event` (and `/api/admin/events` streams): status, accounts, settings, log. */
export type SkyportEvent = GatewayEvent;

export type SkyportBridge = ControlApi & {
  /** Calls `listener` with every event from main; returns the function that stops it. */
  onEvent(listener: (event: SkyportEvent) => void): () => void;
};
