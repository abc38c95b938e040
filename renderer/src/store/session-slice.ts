/**
 * Who may use the UI (web console login), the live event feed, notices, and the move to a new
 * address after a port change. On desktop the session is always open: the preload is the trust.
 */
import type { StateCreator } from 'zustand';
import { BridgeError, describeError, isUnauthorizedError } from '../bridge/bridge-error.js';
import type { EventFeedState, SkyportEvent } from '../bridge/bridge-types.js';
import { resolveConsoleUrlForPort } from '../navigation/resolve-console-url.js';
import { credentialKey } from '../preferences/browser-storage.js';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';

export type SessionState = 'checking' | 'locked' | 'ready';

/** `offline`: the last call could not connect (the web console's gateway is gone or moved). */
export type Reachability = 'online' | 'offline';

export interface Notice {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

export interface Relocation {
  url: string;
  port: number;
}

export interface SessionSlice {
  session: SessionState;
  loginError: string | null;
  loggingIn: boolean;
  eventFeed: EventFeedState;
  reachability: Reachability;
  /** When the gateway last answered (epoch ms): the age of what the pages show while offline. */
  lastContactAt: number | null;
  notices: Notice[];
  /** Set after a port change moved the web console's listener: where the console lives now. */
  relocation: Relocation | null;
  /** Decide at start-up whether to show the login screen. */
  bootstrap(): Promise<void>;
  login(credential: string): Promise<boolean>;
  logout(): void;
  /** Load every resource the pages show. */
  refreshAll(): Promise<void>;
  connectEvents(): () => void;
  handleEvent(event: SkyportEvent): void;
  /** A call's outcome: answered (any answer) or could not connect. Coming back reloads every page's data. */
  noteReachable(reachable: boolean): void;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  /** The user-facing message for a failure; a refused credential sends the user back to login. */
  reportError(error: unknown): string;
  relocate(relocation: Relocation): void;
}

let noticeCounter = 0;

export function createSessionSlice(deps: StoreDependencies): StateCreator<AppState, [], [], SessionSlice> {
  const { bridge, credentials, translate } = deps;
  return (set, get) => ({
    session: bridge.kind === 'ipc' ? 'ready' : 'checking',
    loginError: null,
    loggingIn: false,
    eventFeed: 'connecting',
    reachability: 'online',
    lastContactAt: null,
    notices: [],
    relocation: null,

    async bootstrap() {
      if (bridge.kind === 'ipc') {
        set({ session: 'ready' });
        return;
      }
      const stored = credentials.get(credentialKey);
      if (stored === null || stored === '') {
        set({ session: 'locked' });
        return;
      }
      try {
        const status = await bridge.api.getStatus({});
        set({ session: 'ready', status: { data: status, loading: false, error: null } });
      } catch (error) {
        if (isUnauthorizedError(error)) {
          credentials.remove(credentialKey);
          set({ session: 'locked', loginError: translate('login.expired') });
          return;
        }
        // Any other failure says nothing against the credential: open, and let the pages show it.
        set({ session: 'ready', status: { data: null, loading: false, error: describeFailure(error, translate) } });
      }
    },

    async login(credential) {
      const value = credential.trim();
      if (value === '') {
        set({ loginError: translate('login.required') });
        return false;
      }
      set({ loggingIn: true, loginError: null });
      credentials.set(credentialKey, value);
      try {
        const status = await bridge.api.getStatus({});
        set({ session: 'ready', loggingIn: false, status: { data: status, loading: false, error: null } });
        return true;
      } catch (error) {
        credentials.remove(credentialKey);
        const message = isUnauthorizedError(error) ? translate('login.wrong') : describeFailure(error, translate);
        set({ session: 'locked', loggingIn: false, loginError: message });
        return false;
      }
    },

    logout() {
      credentials.remove(credentialKey);
      set({ session: 'locked', loginError: null, apiKey: { data: null, loading: false, error: null } });
    },

    async refreshAll() {
      const state = get();
      await Promise.all([state.loadStatus(), state.loadSettings(), state.loadAccounts(), state.loadMappingRules(), state.loadMappingPresets(), state.loadServedModels(), state.loadAlerts()]);
    },

    connectEvents() {
      let openedBefore = false;
      return bridge.subscribe({
        onEvent: (event) => get().handleEvent(event),
        onStateChange: (eventFeed) => {
          set({ eventFeed });
          if (eventFeed === 'open') {
            get().noteReachable(true);
            // Reopened after a gap: what its events would have brought meanwhile (a request for
            // the Monitor, a changed account) is read again instead of missing until a reload.
            if (openedBefore && get().session === 'ready') void Promise.all([get().refreshAll(), get().loadLogs()]);
            openedBefore = true;
          }
          // The stream ended: ask at once whether the gateway is still there (its failure marks offline).
          else if (eventFeed === 'closed' && get().session === 'ready') void get().loadStatus();
        },
      });
    },

    handleEvent(event) {
      // Status, accounts and settings events carry the whole new state of their part: replace the cached copy.
      const state = get();
      if (state.session !== 'ready' || state.relocation !== null) return;
      if (event.type === 'status') {
        const before = state.status.data;
        set({ status: { data: event.data, loading: false, error: null } });
        // The listener that serves this page moved (a port change made elsewhere: another console,
        // the desktop, the CLI): follow it, as after a port change made here.
        if (bridge.kind === 'http' && before?.port != null && event.data.port !== null && event.data.listening && before.port !== event.data.port) {
          const url = resolveConsoleUrlForPort(deps.currentUrl(), event.data.port);
          if (url !== null && resolveConsoleUrlForPort(deps.currentUrl(), before.port) === null) get().relocate({ url, port: event.data.port });
        }
      }
      else if (event.type === 'accounts') set({ accounts: { data: event.data.items, loading: false, error: null } });
      else if (event.type === 'settings') {
        set({ settings: { data: event.data, loading: false, error: null } });
        // Mapping rules live in the settings (proxy.custom_mapping).
        void state.loadMappingRules();
      } else if (event.type === 'alert') {
        state.receiveAlert(event.data);
      } else if (event.type === 'log') {
        // Not a whole state: one new request, added to the Monitor's list and today's count.
        state.receiveLog(event.data);
        state.countTodayRequest(event.data);
        state.noteServedModel(event.data);
      }
    },

    noteReachable(reachable) {
      const before = get().reachability;
      if (!reachable) {
        if (before !== 'offline') set({ reachability: 'offline' });
        return;
      }
      set({ reachability: 'online', lastContactAt: (deps.now ?? Date.now)() });
      // Back: what the pages hold may be old (or may be another gateway's, after a restart).
      if (before === 'offline' && get().session === 'ready') void get().refreshAll();
    },

    notify(kind, text) {
      noticeCounter += 1;
      const notice = { id: noticeCounter, kind, text };
      set((state) => ({ notices: [...state.notices.slice(-3), notice] }));
    },

    dismissNotice(id) {
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    },

    reportError(error) {
      if (bridge.kind === 'http' && isUnauthorizedError(error) && get().session === 'ready') {
        credentials.remove(credentialKey);
        set({ session: 'locked', loginError: translate('login.expired') });
      }
      return describeFailure(error, translate);
    },

    relocate(relocation) {
      set({ relocation });
    },
  });
}

/** Network failures get a translated sentence; the server's own messages are shown as they are. */
export function describeFailure(error: unknown, translate: (key: string) => string): string {
  if (error instanceof BridgeError && error.kind === 'network') return translate('errors.unreachable');
  return describeError(error);
}
