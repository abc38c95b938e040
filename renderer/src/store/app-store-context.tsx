/** The store reaches components through context, so every test (and every window) has its own. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Bridge, DesktopUpdatesApi } from '../bridge/bridge-types.js';
import type { AppState } from './app-state.js';
import type { AppStore } from './create-app-store.js';

interface AppContextValue {
  store: AppStore;
  bridge: Bridge;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppStoreProvider({ store, bridge, children }: { store: AppStore; bridge: Bridge; children: ReactNode }) {
  return <AppContext.Provider value={{ store, bridge }}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useAppStore needs an <AppStoreProvider> above it.');
  return value;
}

/** Read the store through a named selector (selectors.ts); re-renders when the selected value changes. */
export function useAppStore<Selected>(selector: (state: AppState) => Selected): Selected {
  return useStore(useAppContext().store, selector);
}

/** The desktop app's updates and log folder; null in the web console. */
export function useDesktopUpdates(): DesktopUpdatesApi | null {
  return useAppContext().bridge.updates ?? null;
}

/** The ControlApi itself, for a card that keeps its own state (the named API keys, whose secrets must not sit in the store). */
export function useControlApi(): Bridge['api'] {
  return useAppContext().bridge.api;
}

/** `ipc` on desktop, `http` in the web console: the few things that differ (login, launch at login). */
export function useBridgeKind(): Bridge['kind'] {
  return useAppContext().bridge.kind;
}
