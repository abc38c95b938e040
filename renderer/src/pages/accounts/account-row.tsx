/** One account: who, tier, status (with the reason and the verification link), quotas, actions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.js';
import { EditIcon, ExternalIcon, FlameIcon, RefreshIcon, StarIcon, TrashIcon } from '../../components/icons.js';
import { ConfirmDialog } from '../../components/modal.js';
import { ResetCountdown } from '../../components/quota-bar.js';
import { useNow } from '../../components/use-now.js';
import { isOutOfQuota } from '../../store/derive-account-summaries.js';
import { Switch } from '../../components/switch.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectAccountActions, selectRefreshQuotas, selectRemoveAccount, selectSetAccountEnabled, selectSetPreferredAccount } from '../../store/selectors.js';
import type { AccountView } from '../../store/view-types.js';
import { AccountQuotas } from './account-quotas.js';
import { AccountSettingsDialog } from './account-settings-dialog.js';
import { AccountStatusBadge } from './account-status-badge.js';
import { formatTier } from './format-tier.js';
import { useWarmUp } from './use-warm-up.js';

/** "Resting for gemini-3-flash until 14:05 (rate limited)", gone by itself once the rest is over. */
function CooldownLine({ model, until, reason }: { model: string; until: string; reason: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const end = Date.parse(until);
  if (Number.isNaN(end) || end <= now) return null;
  const reasons: Record<string, string> = {
    rate_limited: t('accounts.cooldownReasons.rate_limited'),
    quota_exhausted: t('accounts.cooldownReasons.quota_exhausted'),
    capacity: t('accounts.cooldownReasons.capacity'),
  };
  const time = new Date(end).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <p className="small muted" data-testid={`cooldown-${model}`}>
      {t('accounts.cooldown', { model: model === '*' ? t('accounts.allModels') : model, time, reason: reasons[reason] ?? reason })} <ResetCountdown resetTime={until} />
    </p>
  );
}

export function AccountRow({
  account,
  preferred,
  thresholdPercent = 0,
  selected,
  onSelectedChange,
}: {
  account: AccountView;
  preferred: boolean;
  thresholdPercent?: number;
  /** With `onSelectedChange`: the row has a checkbox for bulk actions. */
  selected?: boolean;
  onSelectedChange?: (selected: boolean) => void;
}) {
  const { t } = useTranslation();
  const action = useAppStore(selectAccountActions)[account.email];
  const setEnabled = useAppStore(selectSetAccountEnabled);
  const remove = useAppStore(selectRemoveAccount);
  const refresh = useAppStore(selectRefreshQuotas);
  const setPreferred = useAppStore(selectSetPreferredAccount);
  const warmUp = useWarmUp();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [editing, setEditing] = useState(false);
  const tier = formatTier(account.tier);
  const cooldowns = Object.entries(account.cooldowns);
  const busy = action !== undefined;

  return (
    <tr data-testid={`account-${account.email}`}>
      <th scope="row" className="account-cell">
        <div className="account-cell__email">
          {onSelectedChange === undefined ? null : (
            <input
              type="checkbox"
              className="account-cell__select"
              checked={selected === true}
              aria-label={t('accounts.manage.select', { email: account.email })}
              onChange={(event) => onSelectedChange(event.target.checked)}
            />
          )}
          <span>{account.email}</span>
          {preferred ? <span className="badge badge--preferred">{t('accounts.preferred')}</span> : null}
        </div>
        <div className="account-cell__meta">
          {tier === null ? null : <span className="badge badge--tier">{tier}</span>}
          {account.project_id === null ? null : <span className="muted small">{account.project_id}</span>}
          {account.labels.map((label) => (
            <span key={label} className="badge badge--label">
              {label}
            </span>
          ))}
          {account.upstream_proxy === null ? null : (
            <span className="muted small account-cell__proxy" title={account.upstream_proxy}>
              {t('accounts.manage.viaProxy', { proxy: account.upstream_proxy })}
            </span>
          )}
        </div>
      </th>
      <td className="status-cell" data-label={t('accounts.columns.status')}>
        <AccountStatusBadge status={account.status} />
        {isOutOfQuota(account) ? (
          <span className="badge badge--out-of-quota" data-testid="out-of-quota">
            {t('accounts.outOfQuota')}
          </span>
        ) : null}
        {account.status_reason === null ? null : <p className="small status-cell__reason">{account.status_reason}</p>}
        {account.validation_url === null ? null : (
          <div className="status-cell__link">
            <a href={account.validation_url} target="_blank" rel="noopener noreferrer" className="link-button">
              {t('accounts.verify')} <ExternalIcon />
            </a>
            <CopyButton value={account.validation_url} ariaLabel={t('accounts.copyVerifyLink')} />
          </div>
        )}
        {cooldowns.map(([model, cooldown]) => (
          <CooldownLine key={model} model={model} until={cooldown.until} reason={cooldown.reason} />
        ))}
        {account.last_error === null || account.status !== 'active' ? null : <p className="small muted" title={account.last_error}>{t('accounts.lastError')}</p>}
      </td>
      <td className="quota-cell" data-label={t('accounts.columns.quotas')}>
        <AccountQuotas account={account} thresholdPercent={thresholdPercent} />
      </td>
      <td className="actions-cell" data-label={t('accounts.columns.actions')}>
        <div className="actions-cell__buttons">
          <button
            type="button"
            className="icon-button"
            aria-label={t('accounts.manage.edit', { email: account.email })}
            title={t('accounts.manage.edit', { email: account.email })}
            disabled={busy}
            onClick={() => setEditing(true)}
          >
            <EditIcon />
          </button>
          <button
            type="button"
            className={preferred ? 'icon-button icon-button--active' : 'icon-button'}
            aria-pressed={preferred}
            aria-label={preferred ? t('accounts.unsetPreferred', { email: account.email }) : t('accounts.setPreferred', { email: account.email })}
            title={preferred ? t('accounts.unsetPreferredHint') : t('accounts.setPreferredHint')}
            disabled={busy || account.status !== 'active'}
            onClick={() => void setPreferred(preferred ? '' : account.email)}
          >
            <StarIcon filled={preferred} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('accounts.refreshQuota', { email: account.email })}
            title={t('accounts.refreshQuota', { email: account.email })}
            disabled={busy}
            onClick={() => void refresh(account.email)}
          >
            {action === 'refresh' ? <span className="spinner spinner--inline" aria-hidden="true" /> : <RefreshIcon />}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('accounts.warmUp', { email: account.email })}
            title={t('accounts.warmUp', { email: account.email })}
            disabled={busy || account.status !== 'active'}
            onClick={() => void warmUp(account.email)}
          >
            {action === 'warmup' ? <span className="spinner spinner--inline" aria-hidden="true" /> : <FlameIcon />}
          </button>
          <button
            type="button"
            className="icon-button icon-button--danger"
            aria-label={t('accounts.remove', { email: account.email })}
            title={t('accounts.remove', { email: account.email })}
            disabled={busy}
            onClick={() => setConfirmRemove(true)}
          >
            <TrashIcon />
          </button>
        </div>
        <Switch
          id={`account-enabled-${account.email}`}
          checked={account.status !== 'disabled'}
          disabled={busy}
          onChange={(enabled) => void setEnabled(account.email, enabled)}
          label={
            <>
              <span className="small">{account.status === 'disabled' ? t('accounts.disabledLabel') : t('accounts.enabledLabel')}</span>
              <span className="visually-hidden"> {account.email}</span>
            </>
          }
        />
        {editing ? <AccountSettingsDialog account={account} onClose={() => setEditing(false)} /> : null}
        {confirmRemove ? (
          <ConfirmDialog
            title={t('accounts.removeTitle')}
            message={t('accounts.removeMessage', { email: account.email })}
            confirmLabel={t('accounts.removeConfirm')}
            danger
            busy={action === 'remove'}
            onConfirm={() => {
              setConfirmRemove(false);
              void remove(account.email);
            }}
            onCancel={() => setConfirmRemove(false)}
          />
        ) : null}
      </td>
    </tr>
  );
}
