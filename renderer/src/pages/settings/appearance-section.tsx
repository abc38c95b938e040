/** Theme (light, dark, follow the system) and language; kept on this device. */
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { isLanguageCode, languages } from '../../i18n/languages.js';
import { useAppStore } from '../../store/app-store-context.js';
import { themes, type Theme } from '../../store/preferences-slice.js';
import { selectLanguage, selectSetLanguage, selectSetTheme, selectTheme } from '../../store/selectors.js';

export function AppearanceSection() {
  const { t } = useTranslation();
  const theme = useAppStore(selectTheme);
  const setTheme = useAppStore(selectSetTheme);
  const language = useAppStore(selectLanguage);
  const setLanguage = useAppStore(selectSetLanguage);
  const themeLabels: Record<Theme, string> = {
    light: t('settings.appearance.themes.light'),
    dark: t('settings.appearance.themes.dark'),
    system: t('settings.appearance.themes.system'),
  };
  return (
    <Card title={t('settings.appearance.title')} description={t('settings.appearance.description')}>
      <div className="form">
        <fieldset className="segmented">
          <legend className="field__label">{t('settings.appearance.theme')}</legend>
          <div className="segmented__options">
            {themes.map((option) => (
              <label key={option} className={theme === option ? 'segmented__option segmented__option--selected' : 'segmented__option'}>
                <input type="radio" name="theme" value={option} checked={theme === option} onChange={() => setTheme(option)} />
                {themeLabels[option]}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="settings-language" label={t('settings.appearance.language')}>
          <select
            className="input"
            value={language}
            onChange={(event) => {
              if (isLanguageCode(event.target.value)) setLanguage(event.target.value);
            }}
          >
            {languages.map((option) => (
              <option key={option.code} value={option.code} lang={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </Card>
  );
}
