/**
 * One request in full: what was asked and by whom, the model mapping, tokens, timing, the attempt
 * timeline, and the redacted headers and bodies when body capture was on.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.js';
import { Drawer } from '../../components/drawer.js';
import { ErrorState, LoadingState } from '../../components/load-states.js';
import { pageHref } from '../../navigation/use-hash-route.js';
import { useAppStore } from '../../store/app-store-context.js';
import type { LogDetailState } from '../../store/monitor-slice.js';
import { selectOpenLogDetail } from '../../store/selectors.js';
import type { RequestLogDetail } from '../../store/view-types.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { formatCount, formatDateTime, formatDuration } from '../../util/format-figures.js';
import { AttemptTimeline } from './attempt-timeline.js';
import { LogStatusBadge } from './log-status-badge.js';

type WarningCode = NonNullable<RequestLogDetail['conversion_warnings'][number]['code']>;

/** Each kind of conversion warning, named (full key literals, so the translation check finds them). */
const warningCodeLabelKeys = {
  web_search_dropped: 'monitor.detail.warningCodes.webSearchDropped',
  tool_dropped: 'monitor.detail.warningCodes.toolDropped',
  field_ignored: 'monitor.detail.warningCodes.fieldIgnored',
  content_dropped: 'monitor.detail.warningCodes.contentDropped',
  history_repaired: 'monitor.detail.warningCodes.historyRepaired',
  thinking_dropped: 'monitor.detail.warningCodes.thinkingDropped',
  thinking_adjusted: 'monitor.detail.warningCodes.thinkingAdjusted',
  sampling_dropped: 'monitor.detail.warningCodes.samplingDropped',
  max_tokens_adjusted: 'monitor.detail.warningCodes.maxTokensAdjusted',
  stop_sequences_local: 'monitor.detail.warningCodes.stopSequencesLocal',
  schema_simplified: 'monitor.detail.warningCodes.schemaSimplified',
  system_prompt_changed: 'monitor.detail.warningCodes.systemPromptChanged',
} as const satisfies Record<WarningCode, TranslationKey>;

export function RequestDetailDrawer({ detail, onClose }: { detail: LogDetailState; onClose: () => void }) {
  const { t } = useTranslation();
  const open = useAppStore(selectOpenLogDetail);
  const data = detail.data;
  return (
    <Drawer
      title={t('monitor.detail.title')}
      subtitle={
        data === null ? undefined : (
          <span className="with-action">
            <LogStatusBadge summary={data} />
            <code className="code-inline">
              {data.method} {data.path}
            </code>
          </span>
        )
      }
      onClose={onClose}
    >
      {data !== null ? (
        <DetailBody data={data} />
      ) : detail.error !== null ? (
        <ErrorState message={detail.error} onRetry={() => void open(detail.id)} />
      ) : (
        <LoadingState />
      )}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section" aria-label={title}>
      <h3 className="detail-section__title">{title}</h3>
      {children}
    </section>
  );
}

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__item facts__item--wide' : 'facts__item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function DetailBody({ data }: { data: RequestLogDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const captured = data.request_headers !== null || data.request_body !== null || data.response_body !== null;
  return (
    <div className="detail">
      {data.error === null ? null : (
        <p className="callout callout--error" role="alert">
          {data.error}
        </p>
      )}
      <Section title={t('monitor.detail.request')}>
        <dl className="facts">
          <Fact label={t('monitor.detail.id')} wide>
            <span className="with-action">
              <code className="code-inline">{data.id}</code>
              <CopyButton value={data.id} ariaLabel={t('monitor.detail.copyId')} />
            </span>
          </Fact>
          <Fact label={t('monitor.detail.time')}>{formatDateTime(data.time, locale)}</Fact>
          <Fact label={t('monitor.columns.protocol')}>{data.protocol}</Fact>
          {/* `none` means no key was asked for (authorization off, the loopback default), not that a key named "none" was used. */}
          <Fact label={t('monitor.detail.clientKey')}>{data.client_key === 'none' ? <span className="muted">{t('monitor.detail.keyNotChecked')}</span> : data.client_key}</Fact>
          <Fact label={t('monitor.detail.clientIp')}>{data.client_ip ?? '—'}</Fact>
          <Fact label={t('monitor.detail.model')} wide>
            <span className="model-mapping">
              <span>{data.model ?? '—'}</span>
              {data.mapped_model === null ? null : (
                <>
                  <span className="muted" aria-hidden="true">
                    →
                  </span>
                  <span className="visually-hidden">{t('monitor.detail.mappedTo')}</span>
                  <strong>{data.mapped_model}</strong>
                </>
              )}
              {data.mapping_rule === null ? null : (
                <span className={data.mapping_rule === 'family' ? 'badge badge--family' : 'muted'}>{t('monitor.detail.mappingRule', { rule: data.mapping_rule })}</span>
              )}
            </span>
          </Fact>
          {data.conversion_warnings.length === 0 ? null : (
            <Fact label={t('monitor.detail.warnings')} wide>
              <ul className="detail__warnings">
                {data.conversion_warnings.map((warning, index) => (
                  // The same message may come twice (one per tool); the list never reorders.
                  <li key={index} className="detail__warning" data-code={warning.code ?? undefined}>
                    {/* A row logged before warnings had a kind shows the message alone. */}
                    {warning.code === null ? null : <span className="badge badge--warning">{t(warningCodeLabelKeys[warning.code])}</span>}
                    <span>{warning.message}</span>
                  </li>
                ))}
              </ul>
            </Fact>
          )}
          <Fact label={t('monitor.columns.account')} wide>
            {data.account_email ?? '—'}
          </Fact>
        </dl>
      </Section>
      <Section title={t('monitor.detail.tokensAndTiming')}>
        <dl className="facts facts--four">
          <Fact label={t('monitor.detail.inputTokens')}>{formatCount(data.input_tokens, locale)}</Fact>
          <Fact label={t('monitor.detail.outputTokens')}>{formatCount(data.output_tokens, locale)}</Fact>
          <Fact label={t('monitor.detail.cachedTokens')}>{formatCount(data.cached_tokens, locale)}</Fact>
          <Fact label={t('monitor.detail.reasoningTokens')}>{formatCount(data.reasoning_tokens, locale)}</Fact>
          <Fact label={t('monitor.columns.duration')}>{formatDuration(data.duration_ms, locale)}</Fact>
          <Fact label={t('monitor.columns.ttfb')}>{formatDuration(data.ttfb_ms, locale)}</Fact>
          <Fact label={t('monitor.detail.stream')}>{data.stream ? t('monitor.detail.yes') : t('monitor.detail.no')}</Fact>
        </dl>
      </Section>
      <Section title={t('monitor.detail.attempts')}>
        <AttemptTimeline attempts={data.attempts} />
      </Section>
      <Section title={t('monitor.detail.bodies')}>
        {captured ? (
          <div className="stack stack--tight">
            {data.request_headers === null ? null : <CapturedText label={t('monitor.detail.requestHeaders')} text={JSON.stringify(data.request_headers, null, 2)} />}
            {data.request_body === null ? null : <CapturedText label={t('monitor.detail.requestBody')} text={prettyJson(data.request_body)} />}
            {data.response_body === null ? null : <CapturedText label={t('monitor.detail.responseBody')} text={prettyJson(data.response_body)} />}
          </div>
        ) : (
          <p className="muted small">
            {t('monitor.detail.notCaptured')} <a href={pageHref('settings')}>{t('monitor.detail.captureSetting')}</a>
          </p>
        )}
      </Section>
    </div>
  );
}

/** Bodies are stored as sent (maybe cut at the size limit): indent whole JSON, show anything else as it is. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function CapturedText({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <figure className="captured">
      <figcaption className="captured__header">
        <span>{label}</span>
        <CopyButton value={text} ariaLabel={t('monitor.detail.copyBody', { name: label })} />
      </figcaption>
      <pre className="captured__text" tabIndex={0}>
        {text}
      </pre>
    </figure>
  );
}
