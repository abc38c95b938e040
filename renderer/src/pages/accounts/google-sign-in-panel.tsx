/** Google sign-in: start, wait (polling) for the browser to come back, or paste the address by hand. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { CopyButton } from '../../components/copy-button.js';
import { Field } from '../../components/field.js';
import { CheckIcon, ExternalIcon } from '../../components/icons.js';
import { useAppStore, useBridgeKind } from '../../store/app-store-context.js';
import { selectCancelSignIn, selectCompleteSignIn, selectPollSignIn, selectResetSignIn, selectSignIn, selectStartSignIn } from '../../store/selectors.js';

export const signInPollMs = 1500;

export function GoogleSignInPanel() {
  const { t } = useTranslation();
  const signIn = useAppStore(selectSignIn);
  const start = useAppStore(selectStartSignIn);
  const poll = useAppStore(selectPollSignIn);
  const complete = useAppStore(selectCompleteSignIn);
  const cancel = useAppStore(selectCancelSignIn);
  const reset = useAppStore(selectResetSignIn);
  const bridgeKind = useBridgeKind();
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const view = signIn.view;
  const pending = view?.status === 'pending';

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void poll(), signInPollMs);
    return () => clearInterval(timer);
  }, [pending, poll]);

  // Leaving the dialog ends a sign-in still waiting (its loopback listener closes).
  useEffect(() => () => void cancel(), [cancel]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pasted.trim() === '') {
      setPasteError(t('accounts.signIn.pasteRequired'));
      return;
    }
    setPasteError(null);
    await complete(pasted);
  };

  if (view === null) {
    return (
      <div className="sign-in">
        <p>{t('accounts.signIn.intro')}</p>
        {signIn.error === null ? null : (
          <p className="form__error" role="alert">
            {signIn.error}
          </p>
        )}
        <Button variant="primary" busy={signIn.starting} onClick={() => void start()}>
          {t('accounts.signIn.start')}
        </Button>
      </div>
    );
  }

  if (view.status === 'succeeded') {
    return (
      <div className="sign-in sign-in--done" role="status">
        <CheckIcon />
        <p>{t('accounts.signIn.succeeded', { email: view.email ?? '' })}</p>
        <Button onClick={reset}>{t('accounts.signIn.another')}</Button>
      </div>
    );
  }

  if (view.status === 'failed' || view.status === 'cancelled') {
    return (
      <div className="sign-in">
        <p className="form__error" role="alert">
          {view.status === 'failed' ? (view.error ?? t('accounts.signIn.failed')) : t('accounts.signIn.cancelled')}
        </p>
        <Button variant="primary" busy={signIn.starting} onClick={() => void start()}>
          {t('accounts.signIn.retry')}
        </Button>
      </div>
    );
  }

  return (
    <div className="sign-in">
      <div className="sign-in__waiting" role="status">
        <span className="spinner" aria-hidden="true" />
        <p>{bridgeKind === 'http' ? t('accounts.signIn.waitingBrowser') : t('accounts.signIn.waitingDesktop')}</p>
      </div>
      <div className="with-action">
        {bridgeKind === 'http' ? (
          <a className="button button--secondary button--small" href={view.authorize_url} target="_blank" rel="noopener noreferrer">
            <ExternalIcon />
            <span>{t('accounts.signIn.openAgain')}</span>
          </a>
        ) : null}
        <CopyButton value={view.authorize_url} label={t('accounts.signIn.copyLink')} variant="secondary" />
      </div>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          id="sign-in-paste"
          label={t('accounts.signIn.pasteLabel')}
          hint={t('accounts.signIn.pasteHint')}
          error={pasteError ?? signIn.error}
        >
          <input className="input" value={pasted} spellCheck={false} autoComplete="off" placeholder={`${view.redirect_uri}?state=…&code=…`} onChange={(event) => setPasted(event.target.value)} />
        </Field>
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={signIn.submitting}>
            {t('accounts.signIn.finish')}
          </Button>
          <Button variant="ghost" onClick={() => void cancel()}>
            {t('accounts.signIn.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
