/**
 * The web console after a port change: the listener that served this page moved, so say where it
 * is now and go there (the user signs in again: the credential belonged to the old address).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SkyportLogo } from '../components/icons.js';
import type { Relocation } from '../store/session-slice.js';

export const relocationDelaySeconds = 3;

export function RelocationScreen({ relocation, navigate }: { relocation: Relocation; navigate: (url: string) => void }) {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState(relocationDelaySeconds);
  useEffect(() => {
    if (seconds <= 0) {
      navigate(relocation.url);
      return;
    }
    const timer = setTimeout(() => setSeconds(seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds, navigate, relocation.url]);
  return (
    <main className="login">
      <div className="login__card" role="alert">
        <div className="login__brand">
          <SkyportLogo />
          <span>Skyport</span>
        </div>
        <h1 className="login__title">{t('relocation.title', { port: relocation.port })}</h1>
        <p className="login__text">{t('relocation.text')}</p>
        <p>
          <a className="button button--primary" href={relocation.url} data-testid="relocation-link">
            {relocation.url}
          </a>
        </p>
        <p className="muted small">{t('relocation.countdown', { seconds: Math.max(0, seconds) })}</p>
      </div>
    </main>
  );
}
