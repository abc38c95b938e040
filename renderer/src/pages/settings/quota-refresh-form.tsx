/** How often quotas are read in the background (accounts.quota_refresh_min). */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { quotaRefreshSchema } from '../../forms/small-forms-schemas.js';
import { useFormState } from '../../forms/use-form-state.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectNotify, selectSaveSettings, selectSavingSettings } from '../../store/selectors.js';
import type { SettingsView } from '../../store/view-types.js';

export function QuotaRefreshForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => ({ quota_refresh_min: String(settings.accounts.quota_refresh_min) }), [settings]);
  const form = useFormState(saved);
  const [error, setError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const saving = useAppStore(selectSavingSettings);
  const saveSettings = useAppStore(selectSaveSettings);
  const notify = useAppStore(selectNotify);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const parsed = quotaRefreshSchema.safeParse(form.values);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'validation.quotaRefresh');
      return;
    }
    setError(null);
    const outcome = await saveSettings({ accounts: { quota_refresh_min: parsed.data.quota_refresh_min } });
    if (!outcome.ok) setServerError(outcome.error);
    else notify('success', t('common.saved'));
  };

  return (
    <Card title={t('settings.quotaRefresh.title')} description={t('settings.quotaRefresh.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('settings.quotaRefresh.title')}>
        <Field id="quota-refresh" label={t('settings.quotaRefresh.label')} hint={t('settings.quotaRefresh.hint')} error={error === null ? null : t(error as TranslationKey)}>
          <input className="input input--short" inputMode="numeric" value={form.values.quota_refresh_min} onChange={(event) => form.setField('quota_refresh_min', event.target.value)} />
        </Field>
        {serverError === null ? null : (
          <p className="form__error" role="alert">
            {serverError}
          </p>
        )}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={saving} disabled={!form.dirty}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
