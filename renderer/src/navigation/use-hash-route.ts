/**
 * A tiny router: the page id lives in the URL hash (`#/accounts`), which works the same under
 * Electron's file:// and under `/console/`, survives a reload and needs no server routes.
 */
import { useEffect, useState } from 'react';

export function parsePageId(hash: string, known: readonly string[], fallback: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return known.includes(id) ? id : fallback;
}

export function pageHref(id: string): string {
  return `#/${id}`;
}

export function useHashRoute(known: readonly string[], fallback: string): string {
  const [page, setPage] = useState(() => parsePageId(window.location.hash, known, fallback));
  useEffect(() => {
    const onChange = () => setPage(parsePageId(window.location.hash, known, fallback));
    window.addEventListener('hashchange', onChange);
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, [known, fallback]);
  return page;
}
