/**
 * The renderer's store: a cache of what the ControlApi says, plus UI state. One store per app
 * instance (tests build a fresh one each, so nothing leaks between them).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { watchBridgeReachability } from '../bridge/watch-bridge-reachability.js';
import { createAccountsSlice } from './accounts-slice.js';
import { createAlertsSlice } from './alerts-slice.js';
import type { AppState } from './app-state.js';
import { createMappingSlice } from './mapping-slice.js';
import { createMonitorSlice } from './monitor-slice.js';
import { createPreferencesSlice } from './preferences-slice.js';
import { createSessionSlice } from './session-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import { createSignInSlice } from './sign-in-slice.js';
import { createStatusSlice } from './status-slice.js';
import type { StoreDependencies } from './store-dependencies.js';
import { createUsageSlice } from './usage-slice.js';

export type AppStore = StoreApi<AppState>;

export function createAppStore(options: StoreDependencies): AppStore {
  // Every call's outcome says whether the gateway is there (web console). The callback runs after
  // a call settles, long after `store` below is assigned.
  const deps: StoreDependencies = {
    ...options,
    bridge: watchBridgeReachability(options.bridge, (reachable) => store.getState().noteReachable(reachable)),
  };
  const store: AppStore = createStore<AppState>()((...args) => ({
    ...createSessionSlice(deps)(...args),
    ...createStatusSlice(deps)(...args),
    ...createSettingsSlice(deps)(...args),
    ...createAccountsSlice(deps)(...args),
    ...createSignInSlice(deps)(...args),
    ...createMappingSlice(deps)(...args),
    ...createMonitorSlice(deps)(...args),
    ...createUsageSlice(deps)(...args),
    ...createPreferencesSlice(deps)(...args),
    ...createAlertsSlice(deps)(...args),
  }));
  return store;
}
