/** Types `t()` against the English resource: a key that does not exist fails the type-check. */
import 'i18next';
import type { en } from './locales/en.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
