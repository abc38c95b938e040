/** Short-lived messages (saved, copied elsewhere, failures) in a polite live region. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store-context.js';
import { selectDismissNotice, selectNotices } from '../store/selectors.js';
import { CloseIcon } from './icons.js';

export function NoticeStack() {
  const { t } = useTranslation();
  const notices = useAppStore(selectNotices);
  const dismiss = useAppStore(selectDismissNotice);
  useEffect(() => {
    if (notices.length === 0) return;
    const timers = notices.map((notice) => setTimeout(() => dismiss(notice.id), notice.kind === 'error' ? 8000 : 4000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={() => dismiss(notice.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
