/** Short-lived messages (saved, copied elsewhere, failures) in a polite live region. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store-context.js';
import { selectDismissNotice, selectNotices } from '../store/selectors.js';
import { CloseIcon } from './icons.js';

export function NoticeStack() {
  const { t } = useTranslation();
  const notices = useAppStore(selectNotices);
  const dismiss = useAppStore(selectDismissNotice);
  // A notice must not cover the button that caused it ("Saved." over Save): it goes to the other
  // half of the window from the control last pressed (a busy button may have lost focus by then).
  const [placement, setPlacement] = useState<'top' | 'bottom'>('bottom');
  const lastControl = useRef<Element | null>(null);
  useEffect(() => {
    const remember = (event: Event) => {
      if (event.target instanceof Element) lastControl.current = event.target.closest('button, a, input, select, textarea') ?? event.target;
    };
    document.addEventListener('pointerdown', remember, true);
    document.addEventListener('focusin', remember, true);
    return () => {
      document.removeEventListener('pointerdown', remember, true);
      document.removeEventListener('focusin', remember, true);
    };
  }, []);
  const newest = notices.at(-1)?.id;
  useLayoutEffect(() => {
    const control = lastControl.current;
    if (newest === undefined || control === null || !control.isConnected) return;
    const box = control.getBoundingClientRect();
    setPlacement(box.top + box.height / 2 > window.innerHeight / 2 ? 'top' : 'bottom');
  }, [newest]);
  useEffect(() => {
    if (notices.length === 0) return;
    const timers = notices.map((notice) => setTimeout(() => dismiss(notice.id), notice.kind === 'error' ? 8000 : 4000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  return (
    <div className={`notices notices--${placement}`} aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label={t('common.dismiss')} title={t('common.dismiss')} onClick={() => dismiss(notice.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
