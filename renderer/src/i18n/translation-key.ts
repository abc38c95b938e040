/** Every key of the English resource, as a type: `t()` calls are checked by the compiler. */
import type { ParseKeys } from 'i18next';

export type TranslationKey = ParseKeys<'translation'>;
