/** The one store's state: every slice side by side (zustand slices pattern). */
import type { AccountsSlice } from './accounts-slice.js';
import type { AlertsSlice } from './alerts-slice.js';
import type { MappingSlice } from './mapping-slice.js';
import type { MonitorSlice } from './monitor-slice.js';
import type { PreferencesSlice } from './preferences-slice.js';
import type { SessionSlice } from './session-slice.js';
import type { SettingsSlice } from './settings-slice.js';
import type { SignInSlice } from './sign-in-slice.js';
import type { StatusSlice } from './status-slice.js';
import type { UsageSlice } from './usage-slice.js';

export type AppState = SessionSlice &
  StatusSlice &
  SettingsSlice &
  AccountsSlice &
  SignInSlice &
  MappingSlice &
  MonitorSlice &
  UsageSlice &
  PreferencesSlice &
  AlertsSlice;
