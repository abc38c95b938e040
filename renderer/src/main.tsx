/** Entry: pick the bridge (preload or HTTP), build the store and i18n, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app.js';
import { pickBridge } from './bridge/pick-bridge.js';
import { createI18n } from './i18n/create-i18n.js';
import { isLanguageCode, resolveLanguage } from './i18n/languages.js';
import { createKeyValueStorage, credentialKey, languageKey } from './preferences/browser-storage.js';
import { readSignInToken } from './preferences/read-sign-in-token.js';
import { AppStoreProvider } from './store/app-store-context.js';
import { createAppStore } from './store/create-app-store.js';
import './styles/app.css';

const credentials = createKeyValueStorage(() => window.sessionStorage);
// console-login's one-click link: taken before the hash router reads the address, then removed from it.
const signInToken = readSignInToken(window.location.hash);
if (signInToken !== null) {
  credentials.set(credentialKey, signInToken);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}
const preferences = createKeyValueStorage(() => window.localStorage);
const storedLanguage = preferences.get(languageKey);
const initialLanguage = isLanguageCode(storedLanguage) ? storedLanguage : resolveLanguage(navigator.languages ?? [navigator.language]);
const i18n = createI18n(initialLanguage);
const bridge = pickBridge(window, { credential: () => credentials.get(credentialKey) });
const navigate = (url: string) => window.location.assign(url);

const store = createAppStore({
  bridge,
  credentials,
  preferences,
  translate: (key) => i18n.t(key as never),
  changeLanguage: (language) => void i18n.changeLanguage(language),
  initialLanguage,
  currentUrl: () => window.location.href,
  openExternal: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
});

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <AppStoreProvider store={store} bridge={bridge}>
          <App navigate={navigate} />
        </AppStoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
