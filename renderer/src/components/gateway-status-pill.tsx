/** Serving / stopped / error, as a coloured pill with text (never colour alone). */
import { useTranslation } from 'react-i18next';
import type { GatewayStatusView } from '../store/view-types.js';

export type GatewayState = 'serving' | 'stopped' | 'error' | 'unknown' | 'offline';

/** Offline wins: a status the page can no longer confirm is not shown as the current one. */
export function resolveGatewayState(status: GatewayStatusView | null, offline = false): GatewayState {
  if (offline) return 'offline';
  if (status === null) return 'unknown';
  if (status.error !== null) return 'error';
  return status.serving ? 'serving' : 'stopped';
}

export function GatewayStatusPill({ status, offline = false }: { status: GatewayStatusView | null; offline?: boolean }) {
  const { t } = useTranslation();
  const state = resolveGatewayState(status, offline);
  const labels = {
    serving: t('gateway.state.serving'),
    stopped: t('gateway.state.stopped'),
    error: t('gateway.state.error'),
    unknown: t('gateway.state.unknown'),
    offline: t('gateway.state.offline'),
  } as const;
  return (
    <span className={`pill pill--${state}`} data-testid="gateway-state">
      <span className="pill__dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
