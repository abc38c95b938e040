/** How often quotas are read in the background (accounts.quota_refresh_min). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { quotaRefreshSchema } from '../../forms/small-forms-schemas.js';
import type { SettingsView } from '../../store/view-types.js';
import { useSettingsForm } from '../../forms/use-settings-form.js';

export function QuotaRefreshForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => ({ quota_refresh_min: String(settings.accounts.quota_refresh_min) }), [settings]);
  const form = useSettingsForm({ saved, schema: quotaRefreshSchema, buildPatch: (parsed) => ({ accounts: parsed }) });
  const { error, serverError, saving, submit } = form;

  return (
    <Card title={t('settings.quotaRefresh.title')} description={t('settings.quotaRefresh.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('settings.quotaRefresh.title')}>
        <Field id="quota-refresh" label={t('settings.quotaRefresh.label')} hint={t('settings.quotaRefresh.hint')} error={error('quota_refresh_min')}>
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
