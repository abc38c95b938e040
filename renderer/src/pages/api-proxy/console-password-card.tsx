/**
 * The web console's password (proxy.admin_password); the admin token (console-login) signs in
 * with or without one. In the web console a change asks for the current credential again.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { ConfirmDialog } from '../../components/modal.js';
import { collectFieldErrors, type FieldErrors } from '../../forms/collect-field-errors.js';
import { consolePasswordSchema } from '../../forms/small-forms-schemas.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectNotify, selectSavingSettings, selectSetConsolePassword } from '../../store/selectors.js';
import type { SettingsView } from '../../store/view-types.js';

type PasswordField = 'password' | 'confirm' | 'current';

export function ConsolePasswordCard({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const setConsolePassword = useAppStore(selectSetConsolePassword);
  const saving = useAppStore(selectSavingSettings);
  const notify = useAppStore(selectNotify);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [current, setCurrent] = useState('');
  // The admin API asks for the current credential again; the desktop's IPC needs none.
  const asksCurrent = useBridgeKind() === 'http';
  const [errors, setErrors] = useState<FieldErrors<PasswordField>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const isSet = settings.proxy.admin_password_set;
  const error = (field: PasswordField) => (errors[field] === undefined ? null : t(errors[field] as TranslationKey));

  const apply = async (next: string) => {
    setServerError(null);
    const outcome = await setConsolePassword(next, asksCurrent ? current : undefined);
    if (!outcome.ok) {
      setServerError(outcome.error);
      return;
    }
    setPassword('');
    setConfirm('');
    setCurrent('');
    notify('success', next === '' ? t('proxy.consolePassword.removed') : t('proxy.consolePassword.saved'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = consolePasswordSchema.safeParse({ password, confirm });
    const missingCurrent: FieldErrors<PasswordField> = asksCurrent && current.trim() === '' ? { current: 'proxy.consolePassword.currentRequired' } : {};
    if (!parsed.success || missingCurrent.current !== undefined) {
      setErrors({ ...(parsed.success ? {} : collectFieldErrors<PasswordField>(parsed.error)), ...missingCurrent });
      return;
    }
    setErrors({});
    await apply(parsed.data.password);
  };

  const askRemove = () => {
    if (asksCurrent && current.trim() === '') {
      setErrors({ current: 'proxy.consolePassword.currentRequired' });
      return;
    }
    setErrors({});
    setConfirmRemove(true);
  };

  return (
    <Card title={t('proxy.consolePassword.title')} description={isSet ? t('proxy.consolePassword.isSet') : t('proxy.consolePassword.notSet')}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('proxy.consolePassword.title')}>
        <div className="form__grid">
          <Field id="console-password" label={t('proxy.consolePassword.new')} error={error('password')}>
            <input className="input" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          </Field>
          <Field id="console-password-confirm" label={t('proxy.consolePassword.confirm')} error={error('confirm')}>
            <input className="input" type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
          </Field>
          {asksCurrent ? (
            <Field id="console-password-current" label={t('proxy.consolePassword.current')} hint={t('proxy.consolePassword.currentHint')} error={error('current')}>
              <input className="input" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} />
            </Field>
          ) : null}
        </div>
        {serverError === null ? null : (
          <p className="form__error" role="alert">
            {serverError}
          </p>
        )}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={saving} disabled={password === ''}>
            {isSet ? t('proxy.consolePassword.change') : t('proxy.consolePassword.set')}
          </Button>
          {isSet ? (
            <Button variant="ghost" disabled={saving} onClick={askRemove}>
              {t('proxy.consolePassword.remove')}
            </Button>
          ) : null}
        </div>
      </form>
      {confirmRemove ? (
        <ConfirmDialog
          title={t('proxy.consolePassword.removeTitle')}
          message={t('proxy.consolePassword.removeMessage')}
          confirmLabel={t('proxy.consolePassword.remove')}
          danger
          busy={saving}
          onConfirm={() => {
            setConfirmRemove(false);
            void apply('');
          }}
          onCancel={() => setConfirmRemove(false)}
        />
      ) : null}
    </Card>
  );
}
