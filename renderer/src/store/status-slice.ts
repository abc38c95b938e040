/** The gateway's state (serving, address, accounts) and start/stop. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import { emptyResource, type ActionOutcome, type GatewayStatusView, type Resource } from './view-types.js';

export type GatewayCommand = 'start' | 'stop' | 'restart';

export interface StatusSlice {
  status: Resource<GatewayStatusView>;
  /** The start/stop/restart in flight, if any. */
  gatewayCommand: GatewayCommand | null;
  loadStatus(): Promise<void>;
  runGatewayCommand(command: GatewayCommand): Promise<ActionOutcome<GatewayStatusView>>;
}

export function createStatusSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], StatusSlice> {
  return (set, get) => ({
    status: emptyResource(),
    gatewayCommand: null,

    async loadStatus() {
      set((state) => ({ status: { ...state.status, loading: true } }));
      try {
        const data = await bridge.api.getStatus({});
        set({ status: { data, loading: false, error: null } });
      } catch (error) {
        const message = get().reportError(error);
        set((state) => ({ status: { ...state.status, loading: false, error: message } }));
      }
    },

    async runGatewayCommand(command) {
      set({ gatewayCommand: command });
      try {
        const operation = command === 'start' ? bridge.api.startGateway : command === 'stop' ? bridge.api.stopGateway : bridge.api.restartGateway;
        const data = await operation({});
        set({ gatewayCommand: null, status: { data, loading: false, error: null } });
        return { ok: true, value: data };
      } catch (error) {
        const message = get().reportError(error);
        set({ gatewayCommand: null });
        get().notify('error', message);
        void get().loadStatus();
        return { ok: false, error: message };
      }
    },
  });
}
