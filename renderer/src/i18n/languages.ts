/** The UI languages, each named in itself (a user who cannot read the current one still finds theirs). */
export const languages = [
  { code: 'en', label: 'English' },
  { code: 'ko', label: '한국어' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

export type LanguageCode = (typeof languages)[number]['code'];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return languages.some((language) => language.code === value);
}

/** The first supported language among the user's (navigator.languages order); English otherwise. */
export function resolveLanguage(candidates: readonly string[]): LanguageCode {
  for (const candidate of candidates) {
    const tag = candidate.toLowerCase();
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'ko' || tag.startsWith('ko-')) return 'ko';
    // Simplified Chinese is the one Chinese we ship; it is the closest for every zh variant.
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}
