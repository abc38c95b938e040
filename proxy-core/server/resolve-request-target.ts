/**
 * The model a request calls, decided once (mapping/resolve-target.ts) from the name it asks for
 * and the tools its adapter reports, and announced in `X-Mapping-Rule`, `X-Mapped-Model` and the
 * request log. A named key's model allow-list is checked here, against the name asked for.
 */
import { checkKeyModel } from '../keys/check-key-model.js';
import type { Logger } from '../logging/logger.js';
import { resolveConfiguredModel, type MappingSource } from '../mapping/resolve-configured-model.js';
import { resolveTarget, type ResolvedTarget, type ToolTraits } from '../mapping/resolve-target.js';
import type { RequestState } from '../monitor/completed-request.js';
import { warnFamilyFallback } from './warn-family-fallback.js';

/** Where a request's facts go: the request log's record, and the response headers (none for a WebSocket turn). */
export interface RequestRecord {
  state: RequestState;
  setHeader(name: string, value: string): void;
}

export function resolveRequestTarget(
  context: MappingSource & { logger: Logger },
  record: RequestRecord,
  requested: string,
  tools: ToolTraits | undefined,
): ResolvedTarget {
  const { state } = record;
  state.model = requested;
  // A named key's allow-list is about the names its holder asks for, whatever they map to.
  const notAllowed = checkKeyModel(state.clientKey, requested);
  if (notAllowed !== undefined) throw notAllowed;
  const resolved = resolveConfiguredModel(requested, context);
  const target = resolveTarget(resolved, tools);
  state.mappingRule = target.rule.kind;
  record.setHeader('X-Mapping-Rule', target.rule.kind);
  announceMappedModel(record, target.model);
  warnFamilyFallback(context.logger, resolved);
  return target;
}

/** The upstream model a request calls (or what answered it instead), in `X-Mapped-Model` and the request log. */
export function announceMappedModel(record: RequestRecord, model: string): void {
  record.state.mappedModel = model;
  record.setHeader('X-Mapped-Model', model);
}
