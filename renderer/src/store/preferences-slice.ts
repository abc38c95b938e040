/** UI preferences kept on this device (not server settings): theme and language. */
import type { StateCreator } from 'zustand';
import type { LanguageCode } from '../i18n/languages.js';
import { languageKey, themeKey } from '../preferences/browser-storage.js';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';

export const themes = ['light', 'dark', 'system'] as const;
export type Theme = (typeof themes)[number];

export function isTheme(value: unknown): value is Theme {
  return themes.includes(value as Theme);
}

export interface PreferencesSlice {
  theme: Theme;
  language: LanguageCode;
  setTheme(theme: Theme): void;
  setLanguage(language: LanguageCode): void;
}

export function createPreferencesSlice(deps: StoreDependencies): StateCreator<AppState, [], [], PreferencesSlice> {
  const storedTheme = deps.preferences.get(themeKey);
  return (set) => ({
    theme: isTheme(storedTheme) ? storedTheme : 'system',
    language: deps.initialLanguage,
    setTheme(theme) {
      deps.preferences.set(themeKey, theme);
      set({ theme });
    },
    setLanguage(language) {
      deps.preferences.set(languageKey, language);
      deps.changeLanguage(language);
      set({ language });
    },
  });
}
