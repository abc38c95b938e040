/**
 * Add accounts: sign in with Google (the consent page opens; the loopback redirect or a pasted
 * address finishes it) or paste refresh tokens. The terms notice comes first, before either.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/modal.js';
import { GoogleSignInPanel } from './google-sign-in-panel.js';
import { RefreshTokenPanel } from './refresh-token-panel.js';

type Method = 'google' | 'token';

export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>('google');
  const tabs: { id: Method; label: string }[] = [
    { id: 'google', label: t('accounts.addDialog.google') },
    { id: 'token', label: t('accounts.addDialog.token') },
  ];
  return (
    <Modal title={t('accounts.addDialog.title')} onClose={onClose} size="wide">
      <p className="callout callout--info small" role="note">
        {t('accounts.notice')}
      </p>
      <div className="tabs" role="tablist" aria-label={t('accounts.addDialog.title')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`add-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={method === tab.id}
            aria-controls={`add-panel-${tab.id}`}
            className="tabs__tab"
            onClick={() => setMethod(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`add-panel-${method}`} role="tabpanel" aria-labelledby={`add-tab-${method}`} className="tab-panel">
        {method === 'google' ? <GoogleSignInPanel /> : <RefreshTokenPanel onDone={onClose} />}
      </div>
    </Modal>
  );
}
