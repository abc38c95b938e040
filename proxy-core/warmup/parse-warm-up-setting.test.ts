import { describe, expect, it } from 'vitest';
import { nextDailyWarmUp, parseWarmUpSetting } from './parse-warm-up-setting.js';

describe('parseWarmUpSetting', () => {
  it('reads off, on_reset and a time of day', () => {
    expect(parseWarmUpSetting('off')).toEqual({ kind: 'off' });
    expect(parseWarmUpSetting('ON_RESET')).toEqual({ kind: 'on_reset' });
    expect(parseWarmUpSetting('09:05')).toEqual({ kind: 'daily', hour: 9, minute: 5 });
    expect(parseWarmUpSetting('7:30')).toEqual({ kind: 'daily', hour: 7, minute: 30 });
    expect(parseWarmUpSetting('24:00')).toEqual({ kind: 'off' });
  });
});

describe('nextDailyWarmUp', () => {
  it('is today when the time is still ahead, else tomorrow, in local time', () => {
    const morning = new Date(2026, 11, 7, 8, 0, 0).getTime();
    expect(new Date(nextDailyWarmUp(morning, { hour: 9, minute: 0 }))).toEqual(new Date(2026, 11, 7, 9, 0, 0));
    expect(new Date(nextDailyWarmUp(morning, { hour: 8, minute: 0 }))).toEqual(new Date(2026, 11, 8, 8, 0, 0));
    expect(new Date(nextDailyWarmUp(morning, { hour: 7, minute: 59 }))).toEqual(new Date(2026, 11, 8, 7, 59, 0));
  });
});
