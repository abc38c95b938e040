/**
 * Client model name -> upstream model: the user's exact rule, else the most specific of the
 * user's wildcard rules, else (unless the name already is an upstream model id) the built-in
 * table, else the name unchanged.
 *
 * Wildcard ties: the pattern with more literal characters wins; on equal counts the one with
 * fewer `*`, then the alphabetically first pattern, so the answer never depends on insertion order.
 */
import { defaultModelMapping } from './default-model-mapping.js';
import { knownUpstreamModels } from './known-upstream-models.js';
import { countLiteralCharacters, matchWildcard } from './match-wildcard.js';

export type MappingRuleKind = 'exact' | 'wildcard' | 'upstream_model' | 'default' | 'passthrough';

export interface ResolvedModel {
  /** The name the client asked for. */
  requested: string;
  /** The upstream model id to call. */
  model: string;
  rule: { kind: MappingRuleKind; pattern?: string };
  /** The name (or the rule's target) ended in `-online`: the request searches the web (shared/add-web-search.ts). */
  webSearch: boolean;
}

/** Antigravity Manager's way to ask for web search by name, in any client: `gemini-3-flash-online`. */
export const onlineSuffix = '-online';

export interface ResolveModelOptions {
  customMapping: Readonly<Record<string, string>>;
  /** Upstream ids known from the accounts' quota data, on top of the built-in list. */
  extraUpstreamModels?: ReadonlySet<string>;
}

function pickWildcard(mapping: Readonly<Record<string, string>>, name: string): string | undefined {
  let best: string | undefined;
  for (const pattern of Object.keys(mapping)) {
    if (!pattern.includes('*') || !matchWildcard(pattern, name)) continue;
    if (best === undefined || compareSpecificity(pattern, best) < 0) best = pattern;
  }
  return best;
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: string, b: string): number {
  const literal = countLiteralCharacters(b) - countLiteralCharacters(a);
  if (literal !== 0) return literal;
  const stars = a.split('*').length - b.split('*').length;
  if (stars !== 0) return stars;
  return a < b ? -1 : a > b ? 1 : 0;
}

const knownModels = new Set(knownUpstreamModels);

/**
 * A name ending in `-online` (and with no exact rule of its own) is the name without it, asked to
 * search the web; so is a rule whose target ends in `-online`. The model called never has the suffix.
 */
export function resolveModel(requested: string, options: ResolveModelOptions): ResolvedModel {
  const name = requested.trim().replace(/^models\//, '');
  const online = name.length > onlineSuffix.length && name.endsWith(onlineSuffix) && !Object.hasOwn(options.customMapping, name);
  const route = resolveName(online ? name.slice(0, -onlineSuffix.length) : name, options);
  const targetOnline = route.model.length > onlineSuffix.length && route.model.endsWith(onlineSuffix);
  return {
    requested,
    model: targetOnline ? route.model.slice(0, -onlineSuffix.length) : route.model,
    rule: route.rule,
    webSearch: online || targetOnline,
  };
}

function resolveName(name: string, options: ResolveModelOptions): Omit<ResolvedModel, 'requested' | 'webSearch'> {
  const custom = options.customMapping;
  const exact = Object.hasOwn(custom, name) ? custom[name] : undefined;
  if (exact !== undefined && !name.includes('*')) {
    return { model: exact, rule: { kind: 'exact', pattern: name } };
  }
  const wildcard = pickWildcard(custom, name);
  if (wildcard !== undefined) {
    return { model: custom[wildcard] as string, rule: { kind: 'wildcard', pattern: wildcard } };
  }
  if (knownModels.has(name) || options.extraUpstreamModels?.has(name)) {
    return { model: name, rule: { kind: 'upstream_model' } };
  }
  const defaultExact = Object.hasOwn(defaultModelMapping, name) ? defaultModelMapping[name] : undefined;
  if (defaultExact !== undefined) {
    return { model: defaultExact, rule: { kind: 'default', pattern: name } };
  }
  const defaultWildcard = pickWildcard(defaultModelMapping, name);
  if (defaultWildcard !== undefined) {
    return { model: defaultModelMapping[defaultWildcard] as string, rule: { kind: 'default', pattern: defaultWildcard } };
  }
  return { model: name, rule: { kind: 'passthrough' } };
}
