/** The API key: masked until revealed (revealApiKey), copy (fetches it if hidden), regenerate (confirmed), or one of the user's choice (setApiKey). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { CopyButton } from '../../components/copy-button.js';
import { EyeIcon, EyeOffIcon, RefreshIcon } from '../../components/icons.js';
import { ConfirmDialog, Modal } from '../../components/modal.js';
import { Field } from '../../components/field.js';
import { describeError } from '../../bridge/bridge-error.js';
import { useAppStore, useControlApi } from '../../store/app-store-context.js';
import { selectApiKey, selectFetchApiKey, selectHideApiKey, selectLoadSettings, selectNotify, selectRegenerateApiKey, selectRevealApiKey } from '../../store/selectors.js';
import type { SettingsView } from '../../store/view-types.js';

export function ApiKeyCard({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const apiKey = useAppStore(selectApiKey);
  const reveal = useAppStore(selectRevealApiKey);
  const hide = useAppStore(selectHideApiKey);
  const fetchKey = useAppStore(selectFetchApiKey);
  const regenerate = useAppStore(selectRegenerateApiKey);
  const notify = useAppStore(selectNotify);
  const [confirming, setConfirming] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const revealed = apiKey.data;
  const api = useControlApi();
  const reloadSettings = useAppStore(selectLoadSettings);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState('');
  const [chooseError, setChooseError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const saveChosen = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setChooseError(null);
    try {
      await api.setApiKey({ api_key: chosen });
      setChoosing(false);
      setChosen('');
      hide();
      await reloadSettings();
      notify('success', t('proxy.apiKey.setOwnSaved'));
    } catch (error) {
      setChooseError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  const doRegenerate = async () => {
    setRegenerating(true);
    const outcome = await regenerate();
    setRegenerating(false);
    setConfirming(false);
    notify(outcome.ok ? 'success' : 'error', outcome.ok ? t('proxy.apiKey.regenerated') : outcome.error);
  };

  return (
    <Card title={t('proxy.apiKey.title')} description={t('proxy.apiKey.description')}>
      <div className="key-display">
        <code className="code-inline key-display__value" data-testid="api-key" aria-label={t('proxy.apiKey.title')}>
          {revealed ?? settings.proxy.api_key_masked}
        </code>
        <div className="button-row">
          {revealed === null ? (
            <Button size="small" variant="ghost" icon={<EyeIcon />} busy={apiKey.loading} onClick={() => void reveal()}>
              {t('proxy.apiKey.show')}
            </Button>
          ) : (
            <Button size="small" variant="ghost" icon={<EyeOffIcon />} onClick={hide}>
              {t('proxy.apiKey.hide')}
            </Button>
          )}
          <CopyButton
            value={async () => {
              // Copy fills the clipboard only: what is on screen stays as it is.
              if (revealed !== null) return revealed;
              const outcome = await fetchKey();
              if (!outcome.ok) notify('error', outcome.error);
              return outcome.ok ? outcome.value : null;
            }}
            ariaLabel={t('proxy.apiKey.copy')}
          />
          <Button size="small" variant="ghost" icon={<RefreshIcon />} onClick={() => setConfirming(true)}>
            {t('proxy.apiKey.regenerate')}
          </Button>
          <Button size="small" variant="ghost" onClick={() => setChoosing(true)}>
            {t('proxy.apiKey.setOwn')}
          </Button>
        </div>
      </div>
      {apiKey.error === null ? null : (
        <p className="form__error" role="alert">
          {apiKey.error}
        </p>
      )}
      {choosing ? (
        <Modal
          title={t('proxy.apiKey.setOwnTitle')}
          onClose={() => setChoosing(false)}
          footer={
            <>
              <Button variant="ghost" onClick={() => setChoosing(false)}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" type="submit" form="choose-api-key-form" busy={saving}>
                {t('proxy.apiKey.setOwnSave')}
              </Button>
            </>
          }
        >
          <form id="choose-api-key-form" className="form" noValidate onSubmit={(event) => void saveChosen(event)}>
            <Field id="chosen-api-key" label={t('proxy.apiKey.setOwnLabel')} hint={t('proxy.apiKey.setOwnHint')} error={chooseError}>
              <input className="input" type="password" autoComplete="off" value={chosen} onChange={(event) => setChosen(event.target.value)} />
            </Field>
          </form>
        </Modal>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('proxy.apiKey.regenerateTitle')}
          message={t('proxy.apiKey.regenerateMessage')}
          confirmLabel={t('proxy.apiKey.regenerate')}
          danger
          busy={regenerating}
          onConfirm={() => void doRegenerate()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </Card>
  );
}
