/**
 * What the renderer talks to: the ControlApi (typed from proxy-core/control, types only) and the
 * live event feed. The desktop preload and the web console's HTTP bridge present the same shape.
 */
import type { ControlApi, ControlInput, ControlOperationName, ControlOutput } from '../../../proxy-core/control/control-operations.js';
import type { SkyportBridge, SkyportEvent } from '../../../proxy-core/control/skyport-bridge.js';

export type { ControlApi, ControlInput, ControlOperationName, ControlOutput, SkyportBridge, SkyportEvent };

export type SkyportEventType = SkyportEvent['type'];

export type SkyportEventListener = (event: SkyportEvent) => void;

/** `open` once events flow; `closed` when the feed is down (the store then polls). */
export type EventFeedState = 'connecting' | 'open' | 'closed';

export interface EventSubscription {
  onEvent: SkyportEventListener;
  onStateChange?: (state: EventFeedState) => void;
}

/** Desktop-only settings kept by Electron main (launch at login); absent in the web console. */
export interface DesktopSettingsView {
  available: boolean;
  launch_at_login: boolean;
}

export interface DesktopSettingsApi {
  getDesktopSettings(input: Record<string, never>): Promise<DesktopSettingsView>;
  updateDesktopSettings(input: { launch_at_login?: boolean }): Promise<DesktopSettingsView>;
}

/** The desktop app's update status (main/auto-updater.ts UpdateStatus). */
export interface UpdateStatusView {
  phase: 'unavailable' | 'off' | 'idle' | 'checking' | 'up_to_date' | 'downloading' | 'downloaded' | 'error';
  enabled: boolean;
  channel: 'latest' | 'beta';
  version: string | null;
  percent: number | null;
  message: string | null;
  checked_at: string | null;
}

/** Desktop only: updates and the log folder, kept by Electron main. */
export interface DesktopUpdatesApi {
  getUpdateStatus(): Promise<UpdateStatusView>;
  setUpdatePreferences(input: { enabled?: boolean; channel?: 'latest' | 'beta' }): Promise<UpdateStatusView>;
  checkForUpdates(): Promise<UpdateStatusView>;
  restartToUpdate(): Promise<{ restarting: boolean }>;
  showLogs(): Promise<{ directory: string }>;
  /** Every status change; returns the function that stops listening. */
  onUpdateStatus(listener: (status: UpdateStatusView) => void): () => void;
}

/** The request log as a file to save. */
export interface CsvFile {
  blob: Blob;
  fileName: string;
  /** Cut at the ControlApi's size bound (desktop); the web console streams the whole log. */
  truncated: boolean;
}

export interface Bridge {
  /** `ipc`: inside the Electron window (preload); `http`: the web console. */
  readonly kind: 'ipc' | 'http';
  readonly api: ControlApi;
  /** Starts the live event feed; the returned function stops it. */
  subscribe(subscription: EventSubscription): () => void;
  /** The request log as CSV, newest first, with the queryLogs filters. */
  exportLogsCsv(filter: ControlInput<'exportLogsCsv'>): Promise<CsvFile>;
  /** Present when the preload offers the desktop settings (launch at login). */
  readonly desktop: DesktopSettingsApi | null;
  /** Present in the desktop app (updates, Show logs); absent in the web console. */
  readonly updates?: DesktopUpdatesApi | null;
}
