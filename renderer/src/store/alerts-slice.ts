/**
 * Alerts from the gateway (`alert` events: low quota, a model nobody can serve, an account that
 * left the pool, ...), shown as banners until dismissed. Newest first; a few at most, because an
 * old alert under five new ones is no longer news. Alerts raised before the page was open are
 * read with `listAlerts` at start; one dismissed here stays dismissed when the list is read again.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import type { AlertView } from './view-types.js';

export const maxShownAlerts = 5;

export interface AlertsSlice {
  alerts: AlertView[];
  /** Ids the user dismissed (this page's lifetime). */
  dismissedAlertIds: ReadonlySet<string>;
  receiveAlert(alert: AlertView): void;
  dismissAlert(id: string): void;
  /** The gateway's latest alerts (raised before this page listened). */
  loadAlerts(): Promise<void>;
}

function merge(shown: readonly AlertView[], incoming: readonly AlertView[], dismissed: ReadonlySet<string>): AlertView[] {
  const byId = new Map<string, AlertView>();
  for (const alert of [...incoming, ...shown]) if (!dismissed.has(alert.id) && !byId.has(alert.id)) byId.set(alert.id, alert);
  return [...byId.values()].sort((left, right) => right.at.localeCompare(left.at)).slice(0, maxShownAlerts);
}

export function createAlertsSlice({ bridge }: Pick<StoreDependencies, 'bridge'>): StateCreator<AppState, [], [], AlertsSlice> {
  return (set, get) => ({
    alerts: [],
    dismissedAlertIds: new Set(),
    receiveAlert(alert) {
      set((state) => ({ alerts: merge(state.alerts, [alert], state.dismissedAlertIds) }));
    },
    dismissAlert(id) {
      set((state) => ({ alerts: state.alerts.filter((alert) => alert.id !== id), dismissedAlertIds: new Set([...state.dismissedAlertIds, id]) }));
    },
    async loadAlerts() {
      try {
        const { items } = await bridge.api.listAlerts({});
        set((state) => ({ alerts: merge(state.alerts, items, state.dismissedAlertIds) }));
      } catch (error) {
        // Live alerts still arrive; an older gateway without the operation is no reason for a notice.
        get().reportError(error);
      }
    },
  });
}
