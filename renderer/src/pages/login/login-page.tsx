/** Web console only: the admin password (or the API key when none is set), kept for this tab. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Field } from '../../components/field.js';
import { EyeIcon, EyeOffIcon, SkyportLogo } from '../../components/icons.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectLoggingIn, selectLogin, selectLoginError } from '../../store/selectors.js';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useAppStore(selectLogin);
  const loggingIn = useAppStore(selectLoggingIn);
  const serverError = useAppStore(selectLoginError);
  const [credential, setCredential] = useState('');
  const [visible, setVisible] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (credential.trim() === '') {
      setLocalError(t('login.required'));
      return;
    }
    setLocalError(null);
    await login(credential);
  };

  return (
    <main className="login">
      <form className="login__card" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <div className="login__brand">
          <SkyportLogo />
          <span>Skyport</span>
        </div>
        <h1 id="login-title" className="login__title">
          {t('login.title')}
        </h1>
        <p className="login__text">{t('login.description')}</p>
        <Field
          id="login-credential"
          label={t('login.credential')}
          hint={t('login.hint')}
          error={localError ?? serverError}
          addon={
            <button type="button" className="icon-button" aria-label={visible ? t('login.hide') : t('login.show')} aria-pressed={visible} onClick={() => setVisible(!visible)}>
              {visible ? <EyeOffIcon /> : <EyeIcon />}
            </button>
          }
        >
          <input
            className="input"
            type={visible ? 'text' : 'password'}
            autoComplete="current-password"
            value={credential}
            autoFocus
            onChange={(event) => setCredential(event.target.value)}
          />
        </Field>
        <Button type="submit" variant="primary" busy={loggingIn} className="login__submit">
          {t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
