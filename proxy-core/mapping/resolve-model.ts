/**
 * Client model name -> upstream model: the user's exact rule, else the most specific of the
 * user's wildcard rules, else (unless the name already is an upstream model id) the built-in
 * table, else the served model of the name's family (choose-family-model.ts), else the name
 * unchanged (the upstream answers 404).
 *
 * "Served" is what the accounts list (`fetchAvailableModels`) once any account was read, else the
 * built-in list of known ids. A built-in target, or a known id, that the accounts do not list goes
 * to the closest model they do list, so clients' current names reach a model that answers.
 *
 * Wildcard ties: the pattern with more literal characters wins; on equal counts the one with
 * fewer `*`, then the alphabetically first pattern, so the answer never depends on insertion order.
 */
import { chooseFamilyModel, detectModelFamily } from './choose-family-model.js';
import { defaultModelMapping } from './default-model-mapping.js';
import { knownUpstreamModels } from './known-upstream-models.js';
import { countLiteralCharacters, matchWildcard } from './match-wildcard.js';

/** Every way a name can be decided (the ControlApi's preview schema is built from this list). */
export const mappingRuleKinds = ['exact', 'wildcard', 'upstream_model', 'default', 'family', 'passthrough'] as const;
export type MappingRuleKind = (typeof mappingRuleKinds)[number];

export interface ResolvedModel {
  /** The name the client asked for. */
  requested: string;
  /** The upstream model id to call. */
  model: string;
  /** `family`: no rule knew the name; its family chose the model (`pattern` is the family, such as `flash`). */
  rule: { kind: MappingRuleKind; pattern?: string };
  /** The name (or the rule's target) ended in `-online`: the request searches the web (shared/add-web-search.ts). */
  webSearch: boolean;
}

/** Antigravity Manager's way to ask for web search by name, in any client: `gemini-3-flash-online`. */
export const onlineSuffix = '-online';

export interface ResolveModelOptions {
  customMapping: Readonly<Record<string, string>>;
  /**
   * The ids the accounts list (their quota data, `fetchAvailableModels`). When there are any, they
   * are what the upstream serves; when there are none yet, the built-in list stands in.
   */
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
  const listed = options.extraUpstreamModels !== undefined && options.extraUpstreamModels.size > 0 ? options.extraUpstreamModels : undefined;
  const served = (id: string) => (listed === undefined ? knownModels.has(id) : listed.has(id));
  if (served(name)) {
    return { model: name, rule: { kind: 'upstream_model' } };
  }
  // A known id these accounts do not list is treated like a built-in rule to itself.
  const defaultExact = Object.hasOwn(defaultModelMapping, name) ? defaultModelMapping[name] : knownModels.has(name) ? name : undefined;
  if (defaultExact !== undefined) {
    return { model: settleOnServed(defaultExact, served, listed), rule: { kind: 'default', pattern: name } };
  }
  const defaultWildcard = pickWildcard(defaultModelMapping, name);
  if (defaultWildcard !== undefined) {
    return { model: settleOnServed(defaultModelMapping[defaultWildcard] as string, served, listed), rule: { kind: 'default', pattern: defaultWildcard } };
  }
  // An image model's size and ratio suffixes (`gemini-3-pro-image-16x9-4k`) are read from the name as sent (resolve-target.ts).
  if (hasImageSuffixes(name, knownModels) || (listed !== undefined && hasImageSuffixes(name, listed))) {
    return { model: name, rule: { kind: 'passthrough' } };
  }
  const family = detectModelFamily(name);
  if (family !== undefined) {
    return { model: chooseFamilyModel(family, listed, { lowTier: isLowTier(name) }), rule: { kind: 'family', pattern: family } };
  }
  return { model: name, rule: { kind: 'passthrough' } };
}

/** A built-in target the upstream does not serve goes to the served model of its family. */
function settleOnServed(target: string, served: (id: string) => boolean, listed: ReadonlySet<string> | undefined): string {
  if (served(target)) return target;
  const family = detectModelFamily(target);
  return family === undefined ? target : chooseFamilyModel(family, listed, { lowTier: isLowTier(target) });
}

/** Size (`-4k`, `-hd`) and ratio (`-16x9`) suffixes only (protocols/gemini/parse-image-model-suffixes.ts reads them). */
const imageSuffixes = /^(?:-(?:[124]k|hd|\d+x\d+))+$/i;

function hasImageSuffixes(name: string, served: ReadonlySet<string>): boolean {
  for (const id of served) if (id.includes('image') && name.startsWith(`${id}-`) && imageSuffixes.test(name.slice(id.length))) return true;
  return false;
}

function isLowTier(name: string): boolean {
  return /-low(?:-|$)/.test(name);
}
