/**
 * What `POST /v1/models/detect` answers about a model name: where the mapping sends it, how the
 * upstream is called for it, and the image shape its suffixes ask for. These are the decisions a
 * real request makes (mapping/resolve-model.ts, run-for-response.ts), so a client or a user can
 * check a name before using it. Antigravity Manager's answer, plus the mapping rule that matched.
 */
import type { MappingRuleKind, ResolvedModel } from '../mapping/resolve-model.js';
import { isImageModel } from '../mapping/is-image-model.js';
import { parseImageModelSuffixes } from '../mapping/parse-image-model-suffixes.js';
import { chooseWebSearchModel } from '../protocols/shared/add-web-search.js';

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

export function describeModelRoute(resolved: ResolvedModel): ModelRouteDescription {
  const rule = { kind: resolved.rule.kind, pattern: resolved.rule.pattern ?? null };
  if (resolved.webSearch) {
    const model = chooseWebSearchModel(resolved.model);
    return { model: resolved.requested, mapped_model: model, type: 'agent', rule, features: { has_web_search: true, is_image_gen: false } };
  }
  if (!isImageModel(resolved.model)) {
    return { model: resolved.requested, mapped_model: resolved.model, type: 'agent', rule, features: { has_web_search: false, is_image_gen: false } };
  }
  const { model, aspectRatio, imageSize } = parseImageModelSuffixes(resolved.model);
  const config = { ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
  return {
    model: resolved.requested,
    mapped_model: model,
    type: 'image_gen',
    rule,
    features: { has_web_search: false, is_image_gen: true },
    ...(Object.keys(config).length === 0 ? {} : { config }),
  };
}
