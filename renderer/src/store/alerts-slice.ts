/**
 * Alerts from the gateway (`alert` events: low quota, a model nobody can serve, an account that
 * left the pool, ...), shown as banners until dismissed. Newest first; a few at most, because an
 * old alert under five new ones is no longer news.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { AlertView } from './view-types.js';

export const maxShownAlerts = 5;

export interface AlertsSlice {
  alerts: AlertView[];
  receiveAlert(alert: AlertView): void;
  dismissAlert(id: string): void;
}

export function createAlertsSlice(): StateCreator<AppState, [], [], AlertsSlice> {
  return (set) => ({
    alerts: [],
    receiveAlert(alert) {
      set((state) => ({ alerts: [alert, ...state.alerts.filter((shown) => shown.id !== alert.id)].slice(0, maxShownAlerts) }));
    },
    dismissAlert(id) {
      set((state) => ({ alerts: state.alerts.filter((alert) => alert.id !== id) }));
    },
  });
}
