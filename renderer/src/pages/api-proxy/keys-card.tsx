/**
 * Named API keys: list, create (the secret shown once, in a dialog with Copy), disable/enable,
 * regenerate and delete. The secret lives only in this component's state while its dialog is
 * open: never in the store, never in a list.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlOutput } from '../../bridge/bridge-types.js';
import { describeError } from '../../bridge/bridge-error.js';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { CopyButton } from '../../components/copy-button.js';
import { Field } from '../../components/field.js';
import { PlusIcon, RefreshIcon, TrashIcon } from '../../components/icons.js';
import { ConfirmDialog, Modal } from '../../components/modal.js';
import { useAppStore, useControlApi } from '../../store/app-store-context.js';
import { selectNotify } from '../../store/selectors.js';

type KeyView = ControlOutput<'listKeys'>['items'][number];

interface Draft {
  name: string;
  label: string;
  expires: string;
  models: string;
  rpm: string;
}

/** Full key literals, so the translation check finds them. */
const keyStatusLabelKeys = {
  active: 'proxy.keys.status.active',
  disabled: 'proxy.keys.status.disabled',
  expired: 'proxy.keys.status.expired',
} as const;

const emptyDraft: Draft = { name: '', label: '', expires: '', models: '', rpm: '' };

export function KeysCard() {
  const { t } = useTranslation();
  const api = useControlApi();
  const notify = useAppStore(selectNotify);
  const [keys, setKeys] = useState<KeyView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [confirming, setConfirming] = useState<{ action: 'delete' | 'regenerate'; name: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setKeys((await api.listKeys({})).items);
      setLoadError(null);
    } catch (error) {
      setLoadError(describeError(error));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('create');
    setFormError(null);
    try {
      const models = draft.models.split(',').map((pattern) => pattern.trim()).filter((pattern) => pattern !== '');
      const rpm = draft.rpm.trim() === '' ? null : Number(draft.rpm);
      const created = await api.createKey({
        name: draft.name.trim(),
        ...(draft.label.trim() === '' ? {} : { label: draft.label.trim() }),
        expires: draft.expires.trim() === '' ? null : draft.expires.trim(),
        models,
        rpm: rpm === null || Number.isNaN(rpm) ? null : rpm,
      });
      setCreating(false);
      setDraft(emptyDraft);
      setSecret({ name: created.item.name, value: created.secret });
      await load();
    } catch (error) {
      setFormError(describeError(error));
    } finally {
      setBusy(null);
    }
  };

  const run = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    try {
      await action();
      notify('success', done);
    } catch (error) {
      notify('error', describeError(error));
    } finally {
      setBusy(null);
      await load();
    }
  };

  const confirm = async () => {
    if (confirming === null) return;
    const { action, name } = confirming;
    setConfirming(null);
    if (action === 'delete') {
      await run(name, () => api.deleteKey({ name }), t('proxy.keys.deleted', { name }));
      return;
    }
    setBusy(name);
    try {
      const regenerated = await api.regenerateKey({ name });
      setSecret({ name, value: regenerated.secret });
    } catch (error) {
      notify('error', describeError(error));
    } finally {
      setBusy(null);
      await load();
    }
  };

  const field = (name: keyof Draft) => ({
    className: 'input',
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });

  return (
    <Card
      className="grid__wide"
      id="api-keys"
      title={t('proxy.keys.title')}
      description={t('proxy.keys.description')}
      actions={
        <Button size="small" icon={<PlusIcon />} onClick={() => setCreating(true)}>
          {t('proxy.keys.create')}
        </Button>
      }
    >
      {loadError === null ? null : (
        <p className="form__error" role="alert">
          {loadError}
        </p>
      )}
      {keys === null ? null : keys.length === 0 ? (
        <p className="muted">{t('proxy.keys.empty')}</p>
      ) : (
        <table className="table table--cards keys-table" aria-label={t('proxy.keys.title')}>
          <thead>
            <tr>
              <th scope="col">{t('proxy.keys.columns.name')}</th>
              <th scope="col">{t('proxy.keys.columns.status')}</th>
              <th scope="col">{t('proxy.keys.columns.expires')}</th>
              <th scope="col">{t('proxy.keys.columns.models')}</th>
              <th scope="col">{t('proxy.keys.columns.rpm')}</th>
              <th scope="col">{t('proxy.keys.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.name} data-testid={`key-${key.name}`}>
                <th scope="row">
                  <span>{key.name}</span>
                  {key.label === '' ? null : <span className="muted small"> {key.label}</span>}
                  <div>
                    <code className="small muted">{key.prefix}</code>
                  </div>
                </th>
                <td data-label={t('proxy.keys.columns.status')}>
                  <span className={`badge badge--${key.status === 'active' ? 'active' : 'disabled'}`}>{t(keyStatusLabelKeys[key.status])}</span>
                </td>
                <td data-label={t('proxy.keys.columns.expires')}>
                  {key.expires_at === null ? t('proxy.keys.neverExpires') : t('proxy.keys.expiresAt', { time: new Date(key.expires_at).toLocaleString() })}
                </td>
                <td data-label={t('proxy.keys.columns.models')}>{key.models.length === 0 ? t('proxy.keys.allModels') : key.models.join(', ')}</td>
                <td data-label={t('proxy.keys.columns.rpm')}>{key.rpm === null ? t('proxy.keys.noLimit') : t('proxy.keys.rpmValue', { rpm: key.rpm })}</td>
                <td data-label={t('proxy.keys.columns.actions')}>
                  <div className="button-row">
                    <Button
                      size="small"
                      variant="ghost"
                      busy={busy === key.name}
                      onClick={() =>
                        void run(
                          key.name,
                          () => api.updateKey({ name: key.name, disabled: !key.disabled }),
                          t(key.disabled ? 'proxy.keys.enabled' : 'proxy.keys.disabled', { name: key.name }),
                        )
                      }
                    >
                      {key.disabled ? t('proxy.keys.enable') : t('proxy.keys.disable')}
                    </Button>
                    <Button size="small" variant="ghost" icon={<RefreshIcon />} onClick={() => setConfirming({ action: 'regenerate', name: key.name })}>
                      {t('proxy.keys.regenerate')}
                    </Button>
                    <Button size="small" variant="ghost" icon={<TrashIcon />} onClick={() => setConfirming({ action: 'delete', name: key.name })}>
                      {t('proxy.keys.delete')}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating ? (
        <Modal
          title={t('proxy.keys.createTitle')}
          onClose={() => setCreating(false)}
          footer={
            <>
              <Button variant="ghost" onClick={() => setCreating(false)}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" type="submit" form="create-key-form" busy={busy === 'create'}>
                {t('proxy.keys.create')}
              </Button>
            </>
          }
        >
          <form id="create-key-form" className="form" noValidate onSubmit={(event) => void submit(event)}>
            <Field id="key-name" label={t('proxy.keys.name')} hint={t('proxy.keys.nameHint')}>
              <input {...field('name')} autoComplete="off" required />
            </Field>
            <Field id="key-label" label={t('proxy.keys.label')}>
              <input {...field('label')} autoComplete="off" />
            </Field>
            <Field id="key-expires" label={t('proxy.keys.expires')} hint={t('proxy.keys.expiresHint')}>
              <input {...field('expires')} autoComplete="off" placeholder="30d" />
            </Field>
            <Field id="key-models" label={t('proxy.keys.models')} hint={t('proxy.keys.modelsHint')}>
              <input {...field('models')} autoComplete="off" placeholder="gemini-*" />
            </Field>
            <Field id="key-rpm" label={t('proxy.keys.rpm')} hint={t('proxy.keys.rpmHint')}>
              <input {...field('rpm')} inputMode="numeric" autoComplete="off" />
            </Field>
            {formError === null ? null : (
              <p className="form__error" role="alert">
                {formError}
              </p>
            )}
          </form>
        </Modal>
      ) : null}
      {secret === null ? null : (
        <Modal
          title={t('proxy.keys.secretTitle', { name: secret.name })}
          onClose={() => setSecret(null)}
          footer={
            <Button variant="primary" onClick={() => setSecret(null)}>
              {t('proxy.keys.done')}
            </Button>
          }
        >
          <p>{t('proxy.keys.secretMessage')}</p>
          <div className="key-display">
            <code className="code-inline key-display__value" data-testid="new-key-secret">
              {secret.value}
            </code>
            <CopyButton value={secret.value} ariaLabel={t('proxy.keys.copySecret')} />
          </div>
        </Modal>
      )}
      {confirming === null ? null : (
        <ConfirmDialog
          title={t(confirming.action === 'delete' ? 'proxy.keys.deleteTitle' : 'proxy.keys.regenerateTitle', { name: confirming.name })}
          message={t(confirming.action === 'delete' ? 'proxy.keys.deleteMessage' : 'proxy.keys.regenerateMessage')}
          confirmLabel={t(confirming.action === 'delete' ? 'proxy.keys.delete' : 'proxy.keys.regenerate')}
          danger
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(null)}
        />
      )}
    </Card>
  );
}
