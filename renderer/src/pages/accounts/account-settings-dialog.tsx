/**
 * One account's labels and its own upstream proxy, with "Test": a real token refresh and quota
 * read through the proxy typed in the box (saved or not), showing the outcome and the latency.
 * The proxy password is shown masked, as the gateway sends it; saving the masked value keeps it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Field } from '../../components/field.js';
import { Modal } from '../../components/modal.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectSetAccountLabels, selectSetAccountProxy, selectTestAccountProxy } from '../../store/selectors.js';
import type { AccountProxyTestResult, AccountView } from '../../store/view-types.js';

/** "a, b ,, c" -> ["a", "b", "c"]: labels are typed comma-separated. */
export function parseLabelList(text: string): string[] {
  return text
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
}

export function AccountSettingsDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const setLabels = useAppStore(selectSetAccountLabels);
  const setProxy = useAppStore(selectSetAccountProxy);
  const testProxy = useAppStore(selectTestAccountProxy);
  const [labels, setLabelsText] = useState(account.labels.join(', '));
  const [proxy, setProxyText] = useState(account.upstream_proxy ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<AccountProxyTestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setError(null);
    const labelOutcome = await setLabels(account.email, parseLabelList(labels));
    const proxyOutcome = labelOutcome.ok && proxy.trim() !== (account.upstream_proxy ?? '') ? await setProxy(account.email, proxy.trim()) : labelOutcome;
    setSaving(false);
    if (!labelOutcome.ok) setError(labelOutcome.error);
    else if (!proxyOutcome.ok) setError(proxyOutcome.error);
    else onClose();
  };

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    setTestError(null);
    const outcome = await testProxy(account.email, proxy.trim());
    setTesting(false);
    if (outcome.ok) setTest(outcome.value);
    else setTestError(outcome.error);
  };

  return (
    <Modal
      title={t('accounts.manage.settingsTitle', { email: account.email })}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={saving} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="form">
        <Field id="account-labels" label={t('accounts.manage.labels')} hint={t('accounts.manage.labelsHint')}>
          <input className="input" value={labels} onChange={(event) => setLabelsText(event.target.value)} />
        </Field>
        <Field
          id="account-proxy"
          label={t('accounts.manage.proxy')}
          hint={t('accounts.manage.proxyHint')}
          addon={
            <Button busy={testing} onClick={() => void runTest()} data-testid="account-proxy-test">
              {t('accounts.manage.proxyTest')}
            </Button>
          }
        >
          <input
            className="input"
            value={proxy}
            placeholder="socks5://127.0.0.1:1080"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setProxyText(event.target.value);
              setTest(null);
            }}
          />
        </Field>
        <div aria-live="polite" data-testid="account-proxy-test-result">
          {test === null ? null : test.ok ? (
            <p className="small account-proxy-test account-proxy-test--ok">
              {t('accounts.manage.proxyTestOk', { ms: test.latency_ms, via: test.proxy ?? t('accounts.manage.proxyDirect'), models: test.models ?? 0 })}
            </p>
          ) : (
            <p className="small account-proxy-test account-proxy-test--failed" role="alert">
              {t(test.step === 'quota_read' ? 'accounts.manage.proxyTestQuotaFailed' : 'accounts.manage.proxyTestTokenFailed', { ms: test.latency_ms, error: test.error ?? '' })}
            </p>
          )}
          {testError === null ? null : (
            <p className="small account-proxy-test account-proxy-test--failed" role="alert">
              {testError}
            </p>
          )}
        </div>
        {error === null ? null : (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
