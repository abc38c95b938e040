/**
 * What `POST /v1/models/detect` (and the console's "Try a model name") answers about a model
 * name: where the mapping sends it, how the upstream is called for it, and the image shape its
 * suffixes ask for. It formats the one target a request with this name and no tools would get
 * (resolve-target.ts), so a client or a user can check a name before using it. Antigravity
 * Manager's answer, plus the mapping rule that matched.
 */
import type { MappingRuleKind } from './resolve-model.js';
import type { ResolvedTarget } from './resolve-target.js';

export interface ModelRouteDescription {
  /** The name asked about. */
  model: string;
  /** The upstream model a request with this name calls (image suffixes removed; the search model for `-online` names of other models). */
  mapped_model: string;
  /** The envelope's `requestType`. */
  type: 'agent' | 'image_gen';
  rule: { kind: MappingRuleKind; pattern: string | null };
  features: {
    /** The name ends in `-online`: requests search the web with Google (unless they also send function tools). */
    has_web_search: boolean;
    is_image_gen: boolean;
  };
  /** The `imageConfig` the name's suffixes ask for (`-16x9`, `-4k`); only when there is one. */
  config?: { aspectRatio?: string; imageSize?: string };
}

export function describeModelRoute(target: ResolvedTarget): ModelRouteDescription {
  return {
    model: target.requested,
    mapped_model: target.model,
    type: target.requestType,
    rule: { kind: target.rule.kind, pattern: target.rule.pattern ?? null },
    features: { has_web_search: target.webSearch, is_image_gen: target.requestType === 'image_gen' },
    ...(target.imageConfig === undefined ? {} : { config: { ...target.imageConfig } }),
  };
}
