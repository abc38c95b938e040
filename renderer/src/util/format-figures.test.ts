import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatDuration, formatPercent } from './format-figures.js';

describe('figures', () => {
  it('formats counts, short token totals, durations and rates', () => {
    expect(formatCount(52_000, 'en')).toBe('52,000');
    expect(formatCompact(52_400, 'en')).toBe('52.4K');
    expect(formatCompact(980, 'en')).toBe('980');
    expect(formatDuration(null, 'en')).toBe('—');
    expect(formatDuration(840.4, 'en')).toBe('840 ms');
    expect(formatDuration(1240, 'en')).toBe('1.2 s');
    expect(formatDuration(125_000, 'en')).toBe('2 min 5 s');
    expect(formatPercent(0.05, 'en')).toBe('5%');
    expect(formatPercent(0.012, 'en')).toBe('1.2%');
    expect(formatPercent(0, 'en')).toBe('0%');
  });
});
