/** Serving / stopped / error, as a coloured pill with text (never colour alone). */
import { useTranslation } from 'react-i18next';
import type { GatewayStatusView } from '../store/view-types.js';

export type GatewayState = 'serving' | 'stopped' | 'error' | 'unknown';

export function resolveGatewayState(status: GatewayStatusView | null): GatewayState {
  if (status === null) return 'unknown';
  if (status.error !== null) return 'error';
  return status.serving ? 'serving' : 'stopped';
}

export function GatewayStatusPill({ status }: { status: GatewayStatusView | null }) {
  const { t } = useTranslation();
  const state = resolveGatewayState(status);
  const labels = {
    serving: t('gateway.state.serving'),
    stopped: t('gateway.state.stopped'),
    error: t('gateway.state.error'),
    unknown: t('gateway.state.unknown'),
  } as const;
  return (
    <span className={`pill pill--${state}`}>
      <span className="pill__dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
