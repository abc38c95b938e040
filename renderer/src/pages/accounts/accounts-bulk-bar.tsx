/**
 * What to do with the selected accounts: enable, disable, refresh quotas, add or remove a label,
 * remove (after a confirmation that names the count). One ControlApi call per action.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { ConfirmDialog } from '../../components/modal.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectBulkAccountAction, selectRunBulkAccountAction } from '../../store/selectors.js';
import type { BulkAccountAction } from '../../store/view-types.js';

export function AccountsBulkBar({ selected, onClear, onRemoved }: { selected: readonly string[]; onClear: () => void; onRemoved: (emails: string[]) => void }) {
  const { t } = useTranslation();
  const running = useAppStore(selectBulkAccountAction);
  const run = useAppStore(selectRunBulkAccountAction);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [label, setLabel] = useState('');
  const count = selected.length;
  if (count === 0) return null;

  const act = async (action: BulkAccountAction, withLabel?: string) => {
    const outcome = await run(selected, action, withLabel);
    if (outcome.ok && action === 'remove') onRemoved(outcome.value.filter((result) => result.ok).map((result) => result.email.toLowerCase()));
    if (outcome.ok && (action === 'add_label' || action === 'remove_label')) setLabel('');
  };
  const busy = running !== null;
  const button = (action: BulkAccountAction, text: string, onClick = () => void act(action), disabled = false) => (
    <Button size="small" busy={running === action} disabled={busy || disabled} onClick={onClick}>
      {text}
    </Button>
  );

  return (
    <div className="accounts-bulk-bar" role="region" aria-label={t('accounts.manage.bulkTitle')} data-testid="accounts-bulk-bar">
      <span className="accounts-bulk-bar__count" aria-live="polite">
        {t('accounts.manage.selected', { count })}
      </span>
      {button('enable', t('accounts.manage.bulkEnable'))}
      {button('disable', t('accounts.manage.bulkDisable'))}
      {button('refresh_quota', t('accounts.manage.bulkRefresh'))}
      <span className="accounts-bulk-bar__label">
        <input
          className="input"
          value={label}
          maxLength={40}
          placeholder={t('accounts.manage.labelPlaceholder')}
          aria-label={t('accounts.manage.bulkLabel')}
          onChange={(event) => setLabel(event.target.value)}
        />
        {button('add_label', t('accounts.manage.addLabel'), () => void act('add_label', label), label.trim() === '')}
        {button('remove_label', t('accounts.manage.removeLabel'), () => void act('remove_label', label), label.trim() === '')}
      </span>
      <Button size="small" variant="danger" busy={running === 'remove'} disabled={busy} onClick={() => setConfirmRemove(true)}>
        {t('accounts.manage.bulkRemove')}
      </Button>
      <Button size="small" variant="ghost" disabled={busy} onClick={onClear}>
        {t('accounts.manage.clearSelection')}
      </Button>
      {confirmRemove ? (
        <ConfirmDialog
          title={t('accounts.manage.bulkRemoveTitle', { count })}
          message={t('accounts.manage.bulkRemoveMessage', { count })}
          confirmLabel={t('accounts.manage.bulkRemoveConfirm', { count })}
          danger
          onConfirm={() => {
            setConfirmRemove(false);
            void act('remove');
          }}
          onCancel={() => setConfirmRemove(false)}
        />
      ) : null}
    </div>
  );
}
