/** Renders UI with a fresh store, i18n and fake bridge: nothing is shared between tests. */
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { App } from '../src/app.js';
import { createI18n } from '../src/i18n/create-i18n.js';
import type { LanguageCode } from '../src/i18n/languages.js';
import { createMemoryStorage, credentialKey, type KeyValueStorage } from '../src/preferences/browser-storage.js';
import { AppStoreProvider } from '../src/store/app-store-context.js';
import { createAppStore, type AppStore } from '../src/store/create-app-store.js';
import { createFakeBridge, type FakeBridge } from './create-fake-bridge.js';

export interface RenderOptions {
  bridge?: FakeBridge;
  language?: LanguageCode;
  /** A stored console credential (web console): skips the login screen. Default: signed in. */
  credential?: string | null;
  currentUrl?: string;
}

export interface Rendered extends RenderResult {
  store: AppStore;
  bridge: FakeBridge;
  user: UserEvent;
  credentials: KeyValueStorage;
  preferences: KeyValueStorage;
  openExternal: ReturnType<typeof vi.fn>;
  navigate: ReturnType<typeof vi.fn>;
}

export function renderWithApp(ui: ReactElement | ((navigate: (url: string) => void) => ReactElement), options: RenderOptions = {}): Rendered {
  const bridge = options.bridge ?? createFakeBridge();
  const i18n = createI18n(options.language ?? 'en');
  const credentials = createMemoryStorage();
  const credential = options.credential === undefined ? 'console-secret' : options.credential;
  if (credential !== null) credentials.set(credentialKey, credential);
  const preferences = createMemoryStorage();
  const openExternal = vi.fn();
  const navigate = vi.fn();
  const store = createAppStore({
    bridge,
    credentials,
    preferences,
    translate: (key) => i18n.t(key as never),
    changeLanguage: (language) => void i18n.changeLanguage(language),
    initialLanguage: options.language ?? 'en',
    currentUrl: () => options.currentUrl ?? 'http://127.0.0.1:8045/console/#/proxy',
    openExternal,
  });
  const element = typeof ui === 'function' ? ui(navigate) : ui;
  const user = userEvent.setup();
  const result = render(
    <I18nextProvider i18n={i18n}>
      <AppStoreProvider store={store} bridge={bridge}>
        {element}
      </AppStoreProvider>
    </I18nextProvider>,
  );
  return { ...result, store, bridge, user, credentials, preferences, openExternal, navigate };
}

/** The whole app (shell, navigation, login) at `#/page`. */
export function renderApp(page: string, options: RenderOptions = {}): Rendered {
  window.location.hash = `#/${page}`;
  return renderWithApp((navigate) => <App navigate={navigate} />, options);
}
