/**
 * One warning per model name that only its family could map (rule `family`), so the owner sees
 * which names their clients send that no rule knows, and can add one, without a line per request.
 */
import type { Logger } from '../logging/logger.js';
import type { ResolvedModel } from '../mapping/resolve-model.js';

/** Names remembered per logger (one per gateway); past this many the memory starts over. */
const maxRememberedNames = 1000;
const warnedByLogger = new WeakMap<Logger, Set<string>>();

export function warnFamilyFallback(logger: Logger, resolved: ResolvedModel): void {
  if (resolved.rule.kind !== 'family') return;
  let warned = warnedByLogger.get(logger);
  if (warned === undefined) {
    warned = new Set();
    warnedByLogger.set(logger, warned);
  }
  if (warned.has(resolved.requested)) return;
  if (warned.size >= maxRememberedNames) warned.clear();
  warned.add(resolved.requested);
  logger.warn(
    `Model "${resolved.requested}" matches no mapping rule and no account lists it; serving it with ${resolved.model} ` +
      `(family ${resolved.rule.pattern ?? ''}). Add a rule to proxy.custom_mapping to choose the model yourself.`,
    { model: resolved.requested, mapped_model: resolved.model, rule: 'family' },
  );
}
