/** One i18next instance per app (tests make their own); synchronous, resources bundled. */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguageCode } from './languages.js';
import { en } from './locales/en.js';
import { ko } from './locales/ko.js';
import { zhCN } from './locales/zh-cn.js';

export const resources = {
  en: { translation: en },
  ko: { translation: ko },
  'zh-CN': { translation: zhCN },
} as const;

export function createI18n(language: LanguageCode): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ko', 'zh-CN'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
