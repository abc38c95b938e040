/**
 * How a request went through the pool: each account tried in order, what happened (answered, or
 * the status and the retry rule that handled the failure), how long it waited first, and which
 * accounts were passed over for it and why.
 */
import { useTranslation } from 'react-i18next';
import type { RequestLogAttempt } from '../../store/view-types.js';
import { formatDuration } from '../../util/format-figures.js';

export function AttemptTimeline({ attempts }: { attempts: RequestLogAttempt[] }) {
  const { t, i18n } = useTranslation();
  if (attempts.length === 0) return <p className="muted small">{t('monitor.detail.noAttempts')}</p>;
  return (
    <ol className="timeline" aria-label={t('monitor.detail.attempts')}>
      {attempts.map((attempt, index) => (
        <li key={index} className={`timeline__item timeline__item--${attempt.outcome}`}>
          <span className="timeline__marker" aria-hidden="true" />
          <div className="timeline__content">
            <div className="timeline__heading">
              <span className="timeline__number">{t('monitor.detail.attemptNumber', { number: index + 1 })}</span>
              <span className="timeline__account">{attempt.account_email}</span>
              <span className={`badge badge--attempt-${attempt.outcome}`}>
                {attempt.outcome === 'ok' ? t('monitor.detail.outcomeOk') : t('monitor.detail.outcomeFailed')}
                {attempt.status === null ? '' : ` · ${attempt.status}`}
              </span>
            </div>
            {attempt.waited_ms > 0 ? <p className="small muted">{t('monitor.detail.waited', { duration: formatDuration(attempt.waited_ms, i18n.language) })}</p> : null}
            {attempt.rule === null ? null : (
              <p className="small">
                <span className="muted">{t('monitor.detail.rule')}</span> {attempt.rule}
              </p>
            )}
            {attempt.message === null ? null : <p className="small timeline__message">{attempt.message}</p>}
            {attempt.skipped.length === 0 ? null : (
              <div className="small">
                <span className="muted">{t('monitor.detail.skipped')}</span>
                <ul className="timeline__skipped">
                  {attempt.skipped.map((entry) => (
                    <li key={entry.email}>
                      <span className="timeline__account">{entry.email}</span> <span className="muted">— {entry.reason}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
