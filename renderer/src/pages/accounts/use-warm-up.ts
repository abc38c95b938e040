/** "Warm up now" for one account or all: runs it and says in a notice what happened. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store-context.js';
import { selectNotify, selectWarmUp } from '../../store/selectors.js';

export function useWarmUp(): (email?: string) => Promise<void> {
  const { t } = useTranslation();
  const warmUp = useAppStore(selectWarmUp);
  const notify = useAppStore(selectNotify);
  return async (email) => {
    const outcome = await warmUp(email);
    if (!outcome.ok) return;
    const count = (status: string) => outcome.value.filter((result) => result.status === status).length;
    const failed = count('failed');
    notify(failed > 0 ? 'error' : 'success', t('accounts.warmUpDone', { warmed: count('warmed'), skipped: count('skipped'), failed }));
  };
}
