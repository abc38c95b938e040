/**
 * A settings form: values seeded from the saved settings, validated by a zod schema whose
 * messages are translation keys, turned into a patch of what changed, saved through the store;
 * field errors, the server's refusal and the success notice handled the same way everywhere.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TranslationKey } from '../i18n/translation-key.js';
import { useAppStore } from '../store/app-store-context.js';
import { selectNotify, selectSaveSettings, selectSavingSettings } from '../store/selectors.js';
import type { SettingsPatch } from '../store/view-types.js';
import { collectFieldErrors, type FieldErrors } from './collect-field-errors.js';
import { useFormState } from './use-form-state.js';

export interface SettingsFormOptions<Values extends object, Parsed> {
  saved: Values;
  schema: z.ZodType<Parsed, Values>;
  /** The change to save; sections without keys mean "nothing changed". */
  buildPatch: (parsed: Parsed) => SettingsPatch;
}

function isEmptyPatch(patch: SettingsPatch): boolean {
  return Object.values(patch).every((section) => section === undefined || Object.keys(section).length === 0);
}

export function useSettingsForm<Values extends object, Parsed>(options: SettingsFormOptions<Values, Parsed>) {
  const { t } = useTranslation();
  const form = useFormState(options.saved);
  const [errors, setErrors] = useState<FieldErrors<keyof Values & string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const saving = useAppStore(selectSavingSettings);
  const saveSettings = useAppStore(selectSaveSettings);
  const notify = useAppStore(selectNotify);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const parsed = options.schema.safeParse(form.values);
    if (!parsed.success) {
      setErrors(collectFieldErrors<keyof Values & string>(parsed.error));
      return;
    }
    setErrors({});
    const patch = options.buildPatch(parsed.data);
    if (isEmptyPatch(patch)) return;
    const outcome = await saveSettings(patch);
    if (!outcome.ok) setServerError(outcome.error);
    else notify('success', outcome.value.message ?? t('common.saved'));
  };

  return {
    ...form,
    errors,
    /** The translated message for a field, or null. */
    error: (field: keyof Values & string) => (errors[field] === undefined ? null : t(errors[field] as TranslationKey)),
    serverError,
    saving,
    submit,
    discard: () => {
      form.reset();
      setErrors({});
      setServerError(null);
    },
  };
}
