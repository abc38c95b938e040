/** One model's remaining quota as a bar, with the time until it resets and the quota protection threshold, when on. */
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../util/format-countdown.js';
import { useNow } from './use-now.js';

export function quotaLevel(fraction: number): 'high' | 'medium' | 'low' {
  if (fraction >= 0.5) return 'high';
  if (fraction >= 0.2) return 'medium';
  return 'low';
}

export function ResetCountdown({ resetTime }: { resetTime: string | null }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  if (resetTime === null) return null;
  const until = Date.parse(resetTime);
  const left = Number.isNaN(until) ? null : formatCountdown(until, now);
  return (
    <span className="countdown" title={Number.isNaN(until) ? undefined : new Date(until).toLocaleString()}>
      {left === null ? t('quota.resetDue') : t('quota.resetsIn', { time: left })}
    </span>
  );
}

export function QuotaBar({
  label,
  remainingFraction,
  resetTime,
  detail,
  thresholdPercent = 0,
}: {
  label: string;
  remainingFraction: number;
  resetTime: string | null;
  detail?: string;
  /** The quota protection threshold in percent: a line marks it on the bar (0 = protection off, no line). */
  thresholdPercent?: number;
}) {
  const { t } = useTranslation();
  const percent = Math.round(Math.max(0, Math.min(1, remainingFraction)) * 100);
  const threshold = thresholdPercent > 0 ? t('quota.threshold', { percent: thresholdPercent }) : undefined;
  return (
    <div className={`quota quota--${quotaLevel(remainingFraction)}`}>
      <div className="quota__row">
        <span className="quota__label" title={detail}>
          {label}
        </span>
        <span className="quota__percent">{percent}%</span>
      </div>
      <div
        className={threshold === undefined ? 'quota__track' : 'quota__track quota__track--with-threshold'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={threshold === undefined ? undefined : `${percent}%, ${threshold}`}
      >
        <div className="quota__fill" style={{ width: `${percent}%` }} />
        {threshold === undefined ? null : <div className="quota__threshold" data-testid="quota-threshold" style={{ left: `${thresholdPercent}%` }} title={threshold} />}
      </div>
      <ResetCountdown resetTime={resetTime} />
    </div>
  );
}
