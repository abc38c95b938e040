/**
 * A converter's warnings (what it dropped or changed to serve the request: a web search beside
 * functions, unsupported fields) go into the request log row with their code, where the
 * Monitor's request detail shows them, and to the debug log with the request id and code.
 */
import type { ConversionWarning } from '../canonical/conversion-warning.js';
import type { Logger } from '../logging/logger.js';
import type { RequestState } from '../monitor/completed-request.js';

export function recordConversionWarnings(logger: Logger, state: RequestState, route: string, warnings: readonly ConversionWarning[]): void {
  if (warnings.length === 0) return;
  (state.warnings ??= []).push(...warnings);
  for (const warning of warnings) logger.debug(`${route}: ${warning.message}`, { request_id: state.requestId, code: warning.code });
}
