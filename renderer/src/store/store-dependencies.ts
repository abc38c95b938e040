/** Everything the store reaches outside itself, passed in so tests swap each one. */
import type { Bridge } from '../bridge/bridge-types.js';
import type { KeyValueStorage } from '../preferences/browser-storage.js';
import type { LanguageCode } from '../i18n/languages.js';

export interface StoreDependencies {
  bridge: Bridge;
  /** sessionStorage in the browser: the console credential. */
  credentials: KeyValueStorage;
  /** localStorage: theme and language. */
  preferences: KeyValueStorage;
  /** Translate a message key (errors the store builds itself). */
  translate: (key: string) => string;
  changeLanguage: (language: LanguageCode) => void;
  /** The language to start with (stored choice, else the system's). */
  initialLanguage: LanguageCode;
  /** The page's address (web console: to move to the new port after a port change). */
  currentUrl: () => string;
  /** Opens Google's consent page in the web console (the desktop main process opens it itself). */
  openExternal: (url: string) => void;
  /** The clock (epoch ms); Date.now when not given. */
  now?: () => number;
}
