/** How requests are spread over the accounts (ANCHOR §9: cache-first, balance, performance-first). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { buildSchedulingPatch, schedulingFormSchema, schedulingModeOptions, tierPreferenceOptions, toSchedulingFormValues } from '../../forms/scheduling-form-schema.js';
import type { SchedulingMode, SettingsView } from '../../store/view-types.js';
import { useSettingsForm } from '../../forms/use-settings-form.js';

/** Full key literals, so the translation check finds them. */
const preferTierLabelKeys = {
  none: 'proxy.scheduling.preferTiers.none',
  paid_first: 'proxy.scheduling.preferTiers.paid_first',
  free_first: 'proxy.scheduling.preferTiers.free_first',
} as const satisfies Record<(typeof tierPreferenceOptions)[number], string>;

export function SchedulingForm({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const saved = useMemo(() => toSchedulingFormValues(settings), [settings]);
  const form = useSettingsForm({
    saved,
    schema: schedulingFormSchema,
    buildPatch: (parsed) => ({ proxy: buildSchedulingPatch(parsed, settings) }),
  });
  const { values, setField, error, serverError, saving, submit } = form;

  const modes: Record<SchedulingMode, { label: string; description: string }> = {
    cache_first: { label: t('proxy.scheduling.modes.cache_first'), description: t('proxy.scheduling.modeDescriptions.cache_first') },
    balance: { label: t('proxy.scheduling.modes.balance'), description: t('proxy.scheduling.modeDescriptions.balance') },
    performance_first: { label: t('proxy.scheduling.modes.performance_first'), description: t('proxy.scheduling.modeDescriptions.performance_first') },
  };

  return (
    <Card title={t('proxy.scheduling.title')} description={t('proxy.scheduling.description')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('proxy.scheduling.title')}>
        <fieldset className="choice-group">
          <legend className="field__label">{t('proxy.scheduling.mode')}</legend>
          {schedulingModeOptions.map((mode) => (
            <label key={mode} className={values.mode === mode ? 'choice choice--selected' : 'choice'}>
              <input type="radio" name="scheduling-mode" value={mode} checked={values.mode === mode} onChange={() => setField('mode', mode)} />
              <span className="choice__text">
                <span className="choice__label">{modes[mode].label}</span>
                <span className="choice__description">{modes[mode].description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form__grid">
          <Field id="scheduling-max-wait" label={t('proxy.scheduling.maxWait')} hint={t('proxy.scheduling.maxWaitHint')} error={error('max_wait_s')}>
            <input className="input" inputMode="numeric" value={values.max_wait_s} disabled={values.mode !== 'cache_first'} onChange={(event) => setField('max_wait_s', event.target.value)} />
          </Field>
          <Field id="scheduling-prefer-tier" label={t('proxy.scheduling.preferTier')} hint={t('proxy.scheduling.preferTierHint')}>
            <select className="input" value={values.prefer_tier} onChange={(event) => setField('prefer_tier', event.target.value as (typeof tierPreferenceOptions)[number])}>
              {tierPreferenceOptions.map((option) => (
                <option key={option} value={option}>
                  {t(preferTierLabelKeys[option])}
                </option>
              ))}
            </select>
          </Field>
          <Field id="scheduling-max-attempts" label={t('proxy.scheduling.maxAttempts')} hint={t('proxy.scheduling.maxAttemptsHint')} error={error('max_attempts')}>
            <input className="input" inputMode="numeric" value={values.max_attempts} onChange={(event) => setField('max_attempts', event.target.value)} />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={values.answer_claude_code_warmup} onChange={(event) => setField('answer_claude_code_warmup', event.target.checked)} />
          <span>{t('proxy.scheduling.answerWarmup')}</span>
        </label>
        <p className="field__hint">{t('proxy.scheduling.answerWarmupHint')}</p>
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
