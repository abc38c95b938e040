/**
 * A converter's warnings (what it dropped or changed to serve the request: a web search beside
 * functions, unsupported fields) go to the debug log with the request id, and into the request
 * log row, where the Monitor's request detail shows them.
 */
import type { Logger } from '../logging/logger.js';
import type { RequestState } from '../monitor/completed-request.js';

export function recordConversionWarnings(logger: Logger, state: RequestState, route: string, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  (state.warnings ??= []).push(...warnings);
  for (const warning of warnings) logger.debug(`${route}: ${warning}`, { request_id: state.requestId });
}
