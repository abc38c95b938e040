/** The latest alerts, for a window opened after they were raised (live ones come as `alert` events). */
import type { Gateway } from './gateway.js';
import type { ControlHandlers } from './control-handlers.js';

export function createAlertOperations(gateway: Pick<Gateway, 'alerts'>): Pick<ControlHandlers, 'listAlerts'> {
  return {
    async listAlerts() {
      return { items: gateway.alerts.recent() };
    },
  };
}
