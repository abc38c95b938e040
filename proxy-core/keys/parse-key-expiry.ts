/**
 * `--expires` values: a duration from now (`90m`, `12h`, `30d`, `4w`), an ISO date (`2027-01-31`,
 * which means the end of that day in UTC) or date-time, or `never`. Returns epoch ms or null.
 */
import { GatewayError } from '../errors/gateway-error.js';

const unitMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseKeyExpiry(text: string, now: number): number | null {
  const value = text.trim();
  if (value === '' || value.toLowerCase() === 'never') return null;
  const duration = /^(\d{1,6})\s*([mhdw])$/i.exec(value);
  if (duration !== null) {
    const amount = Number(duration[1]);
    if (amount === 0) throw new GatewayError('invalid_request', 'expires: a duration must be more than 0.', { param: 'expires' });
    return now + amount * (unitMs[(duration[2] ?? 'd').toLowerCase()] ?? 0);
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = dateOnly ? Date.parse(`${value}T23:59:59.999Z`) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new GatewayError('invalid_request', `expires: "${value}" is not a duration (30d, 12h, 90m, 4w), an ISO date (2027-01-31) or "never".`, {
      param: 'expires',
    });
  }
  if (parsed <= now) throw new GatewayError('invalid_request', `expires: ${new Date(parsed).toISOString()} is in the past.`, { param: 'expires' });
  return parsed;
}
