/** Quota protection (threshold, strict or fallback) and warm-up (off, a daily time, on_reset). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { buildProtectionPatch, protectionFormSchema, protectionModeOptions, toProtectionFormValues } from '../../forms/protection-form-schema.js';
import { useSettingsForm } from '../../forms/use-settings-form.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import type { SettingsView } from '../../store/view-types.js';

const modeLabelKeys: Record<(typeof protectionModeOptions)[number], TranslationKey> = {
  strict: 'proxy.protection.modes.strict',
  fallback: 'proxy.protection.modes.fallback',
};

export function ProtectionForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => toProtectionFormValues(settings), [settings]);
  const form = useSettingsForm({ saved, schema: protectionFormSchema, buildPatch: (parsed) => buildProtectionPatch(parsed, settings) });
  const { values, setField, error, serverError, saving, submit } = form;

  return (
    <Card title={t('proxy.protection.title')} description={t('proxy.protection.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('proxy.protection.title')}>
        <div className="form__grid">
          <Field id="protection-percent" label={t('proxy.protection.percent')} hint={t('proxy.protection.percentHint')} error={error('quota_protection_percent')}>
            <input className="input" inputMode="numeric" value={values.quota_protection_percent} onChange={(event) => setField('quota_protection_percent', event.target.value)} />
          </Field>
          <Field id="protection-warmup" label={t('proxy.protection.warmup')} hint={t('proxy.protection.warmupHint')} error={error('warmup')}>
            <input className="input" value={values.warmup} onChange={(event) => setField('warmup', event.target.value)} />
          </Field>
        </div>
        <fieldset className="choice-group">
          <legend className="field__label">{t('proxy.protection.mode')}</legend>
          {protectionModeOptions.map((mode) => (
            <label key={mode} className={values.quota_protection_mode === mode ? 'choice choice--selected' : 'choice'}>
              <input type="radio" name="protection-mode" value={mode} checked={values.quota_protection_mode === mode} onChange={() => setField('quota_protection_mode', mode)} />
              <span className="choice__text">
                <span className="choice__label">{t(modeLabelKeys[mode])}</span>
              </span>
            </label>
          ))}
        </fieldset>
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
