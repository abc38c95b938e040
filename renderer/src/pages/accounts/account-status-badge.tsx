/** An account's status as a badge with words (active, disabled, forbidden, needs validation, revoked). */
import { useTranslation } from 'react-i18next';
import type { AccountStatus } from '../../store/view-types.js';

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  const labels: Record<AccountStatus, string> = {
    active: t('accounts.status.active'),
    disabled: t('accounts.status.disabled'),
    forbidden: t('accounts.status.forbidden'),
    validation_required: t('accounts.status.validation_required'),
    revoked: t('accounts.status.revoked'),
  };
  return <span className={`badge badge--${status}`}>{labels[status]}</span>;
}
