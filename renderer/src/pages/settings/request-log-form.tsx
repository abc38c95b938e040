/** The request log: on or off, how long and how much it keeps, and whether it keeps bodies. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { AlertIcon } from '../../components/icons.js';
import { Switch } from '../../components/switch.js';
import { buildRequestLogPatch, requestLogFormSchema, toRequestLogFormValues } from '../../forms/request-log-form-schema.js';
import type { SettingsView } from '../../store/view-types.js';
import { useSettingsForm } from '../../forms/use-settings-form.js';

export function RequestLogForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => toRequestLogFormValues(settings), [settings]);
  const form = useSettingsForm({ saved, schema: requestLogFormSchema, buildPatch: (parsed) => buildRequestLogPatch(parsed, settings) });
  const { values, setField, error, serverError, saving, submit } = form;

  return (
    <Card title={t('settings.requestLog.title')} description={t('settings.requestLog.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('settings.requestLog.title')}>
        <Switch
          id="request-log-enabled"
          checked={values.enable_logging}
          onChange={(checked) => setField('enable_logging', checked)}
          label={t('settings.requestLog.enable')}
          description={t('settings.requestLog.enableDescription')}
        />
        <div className="form__grid">
          <Field id="request-log-retention" label={t('settings.requestLog.retentionDays')} hint={t('settings.requestLog.retentionHint')} error={error('retention_days')}>
            <input className="input" inputMode="numeric" value={values.retention_days} onChange={(event) => setField('retention_days', event.target.value)} />
          </Field>
          <Field id="request-log-max-rows" label={t('settings.requestLog.maxRows')} hint={t('settings.requestLog.maxRowsHint')} error={error('max_rows')}>
            <input className="input" inputMode="numeric" value={values.max_rows} onChange={(event) => setField('max_rows', event.target.value)} />
          </Field>
        </div>
        <Switch
          id="request-log-capture"
          checked={values.capture_bodies}
          onChange={(checked) => setField('capture_bodies', checked)}
          label={t('settings.requestLog.captureBodies')}
          description={t('settings.requestLog.captureDescription')}
        />
        {values.capture_bodies ? (
          <p className="callout callout--warning small" role="note">
            <AlertIcon /> <span>{t('settings.requestLog.captureWarning')}</span>
          </p>
        ) : null}
        <Field id="request-log-max-body" label={t('settings.requestLog.maxBodyKb')} hint={t('settings.requestLog.maxBodyHint')} error={error('max_body_kb')}>
          <input className="input input--short" inputMode="numeric" value={values.max_body_kb} onChange={(event) => setField('max_body_kb', event.target.value)} />
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
          <Button
            variant="ghost"
            disabled={!form.dirty || saving}
            onClick={form.discard}
          >
            {t('common.discard')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
