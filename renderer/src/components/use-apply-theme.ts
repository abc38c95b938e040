/** Puts the resolved theme on <html data-theme>, following the system when asked to. */
import { useEffect } from 'react';
import type { Theme } from '../store/preferences-slice.js';

export function useApplyTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    const apply = () => {
      const resolved = theme === 'system' ? (media?.matches ? 'dark' : 'light') : theme;
      root.dataset.theme = resolved;
      root.style.colorScheme = resolved;
    };
    apply();
    if (theme !== 'system' || media === null) return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
