/**
 * `accounts.warmup`: `off`, `on_reset`, or a daily local time `HH:MM` (the schema has checked the
 * text already). `nextDailyWarmUp` says when the next daily run is due, in local time, so a
 * daylight-saving change moves it with the clock on the wall.
 */
export type WarmUpSchedule = { kind: 'off' } | { kind: 'on_reset' } | { kind: 'daily'; hour: number; minute: number };

export function parseWarmUpSetting(value: string): WarmUpSchedule {
  const text = value.trim().toLowerCase();
  if (text === 'on_reset') return { kind: 'on_reset' };
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (match === null) return { kind: 'off' };
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return { kind: 'off' };
  return { kind: 'daily', hour, minute };
}

/** The first moment after `now` (epoch ms) at hour:minute local time. */
export function nextDailyWarmUp(now: number, schedule: { hour: number; minute: number }): number {
  const next = new Date(now);
  next.setHours(schedule.hour, schedule.minute, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime();
}
