/**
 * Numbers as the Monitor, Usage and Dashboard pages show them, in the user's language:
 * counts with separators, token counts short ("52.4K"), durations in ms or s, rates in %.
 */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** 980, 12.3K, 4.1M: token totals read at a glance (the exact number goes in a title). */
export function formatCompact(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** 840 ms, 1.2 s, 2 min 5 s; an em dash when unknown. */
export function formatDuration(ms: number | null, locale: string): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${formatCount(Math.round(ms), locale)} ms`;
  if (ms < 60_000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: fraction > 0 && fraction < 0.1 ? 1 : 0 }).format(fraction);
}

/** 14:05:09 for a record's arrival (the date is in the title). */
export function formatClockTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function formatDateTime(iso: string | number, locale: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}
