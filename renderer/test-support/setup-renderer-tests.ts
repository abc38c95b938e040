/** Runs before every renderer test file (vitest.config.ts): DOM cleanup and jsdom gaps. */
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  window.location.hash = '';
  window.sessionStorage.clear();
  window.localStorage.clear();
  vi.useRealTimers();
});

// jsdom has no matchMedia (the "system" theme asks it).
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom defines scrollTo only to report "not implemented" on every page change.
window.scrollTo = (() => {}) as typeof window.scrollTo;
