/**
 * Converts a client's tool JSON Schema (draft-07 / 2020-12, as OpenAI and Anthropic clients and MCP
 * servers send it) into the Vertex `Schema` subset Cloud Code validates tool parameters against
 * (shared/reference/UPSTREAM-PROTOCOL.md §4, ANCHOR-ANTIGRAVITY-MANAGER.md §14.2). One unsupported
 * keyword anywhere fails the whole request, so this keeps a whitelist instead of a blacklist.
 *
 * Decisions a caller can observe:
 * - Unconstrained sub-schemas (`true`, `{}`, a node with no type to infer) become `{type:"string"}`:
 *   Gemini has no "any" type and dropping the property would make the tool unusable. `false`
 *   properties are dropped (no value can satisfy them).
 * - A `$ref` whose target is already being expanded on the current path is cut (recursion is
 *   unrolled once) into `{type:"object"}` with a "(recursive ...)" description.
 * - Unions: null branches become `nullable`; const/enum-only branches merge into one string enum;
 *   several object branches are merged into one object (properties unioned, `required`
 *   intersected) so every variant stays expressible; otherwise the first branch of the highest
 *   rank (object > array > the rest) wins. Dropped alternatives are listed as "Accepts: a | b".
 * - `required` keeps nullable fields: Gemini sends them as null, which the client schema allowed.
 * - Moved constraints (kept in the description) and annotation-only keywords (`$schema`, `$id`,
 *   `additionalProperties: false`, `readOnly`, `x-*` ...) give no warning; keywords whose meaning is
 *   lost (`propertyNames`, schema-valued `additionalProperties`, `not`, `if` ...) do.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import type { GeminiSchema } from '../../canonical/gemini-schemas.js';

export interface CleanJsonSchemaOptions {
  /** Deepest allowed nesting of schema levels (and of `$ref`/`allOf` hops within one level). */
  maxDepth?: number;
}

export interface CleanJsonSchemaResult {
  schema: GeminiSchema;
  warnings: string[];
}

/** The property a non-object root schema is wrapped in; the caller unwraps the model's arguments. */
export const wrappedRootProperty = 'value';

// Inlining a DAG of `$ref`s can grow exponentially; a schema this large is a mistake or an attack.
const maxVisitedNodes = 20_000;

const emptyRoot = (): GeminiSchema => ({ type: 'object', properties: {} });

const knownTypes = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean']);
const keptFormats = new Set(['enum', 'date-time']);

const constraintKeys = [
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'format',
  'default', 'examples',
] as const;
const verbatimConstraints = new Set(['pattern', 'format']);

// Keywords whose constraint no longer reaches the model once dropped.
const lossyKeys = new Set([
  'patternProperties', 'propertyNames', 'dependencies', 'dependentRequired', 'dependentSchemas',
  'if', 'then', 'else', 'not', 'contains', 'minContains', 'maxContains',
]);
// Lossy only when they hold a schema; the boolean forms add nothing a function call would use.
const lossyWhenSchema = new Set(['additionalProperties', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems']);

// Keywords that reveal a node's type when `type` is missing, in priority order.
const typeHints: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['object', ['properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties']],
  ['array', ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains']],
  ['string', ['enum', 'const', 'minLength', 'maxLength', 'pattern', 'format']],
  ['number', ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']],
];
const shapeKeys = ['type', 'properties', 'items', 'prefixItems', 'enum', 'const', 'anyOf', 'oneOf'];

type JsonObject = Record<string, unknown>;

interface Context {
  root: JsonObject;
  namedDefs: Map<string, unknown>;
  maxDepth: number;
  visited: number;
  warnings: string[];
}

/** Where a node sits: its output path, the input objects being expanded above it, its depth. */
interface Location {
  path: string;
  ancestors: readonly unknown[];
  depth: number;
}

export function cleanJsonSchema(schema: unknown, options: CleanJsonSchemaOptions = {}): CleanJsonSchemaResult {
  if (schema === undefined || schema === null || schema === true) return { schema: emptyRoot(), warnings: [] };
  if (!isJsonObject(schema)) {
    throw new GatewayError('invalid_request', 'tool parameters must be a JSON Schema object');
  }
  const maxDepth = options.maxDepth ?? 32;
  const ctx: Context = { root: schema, namedDefs: collectNamedDefs(schema, maxDepth * 4), maxDepth, visited: 0, warnings: [] };
  const converted = convertSchema(schema, { path: '', ancestors: [], depth: 0 }, ctx, true) ?? emptyRoot();
  if (converted.type !== 'object') {
    ctx.warnings.push(`wrapped non-object root schema (${converted.type}) in properties.${wrappedRootProperty}`);
    return {
      schema: { type: 'object', properties: { [wrappedRootProperty]: converted }, required: [wrappedRootProperty] },
      warnings: ctx.warnings,
    };
  }
  return { schema: { ...converted, properties: converted.properties ?? {} }, warnings: ctx.warnings };
}

/** Returns undefined for a `false` schema, which the caller drops. */
function convertSchema(input: unknown, loc: Location, ctx: Context, isRoot = false): GeminiSchema | undefined {
  if (loc.depth > ctx.maxDepth) {
    throw new GatewayError('invalid_request', `tool parameters schema is nested deeper than ${ctx.maxDepth} levels at ${where(loc.path)}`);
  }
  countVisit(ctx);
  if (input === false) return undefined;
  if (!isJsonObject(input)) {
    ctx.warnings.push(`treated ${input === true ? 'unconstrained' : 'invalid'} schema at ${where(loc.path)} as string`);
    return { type: 'string' };
  }
  const flat = flattenSchema(input, loc, ctx, 0);
  let node = flat.node;
  let ancestors = flat.ancestors;
  let nullable = node.nullable === true;
  let accepts: string[] | undefined;
  for (let round = 1; Array.isArray(node.anyOf) || Array.isArray(node.oneOf); round++) {
    const reduced = reduceUnion(node, { ...loc, ancestors }, round, ctx);
    node = reduced.node;
    ancestors = reduced.ancestors;
    nullable ||= reduced.nullable;
    accepts ??= reduced.accepts;
  }

  const declared = normalizeType(node.type, loc.path, ctx);
  let type = declared.type;
  nullable ||= declared.nullable;
  accepts ??= declared.accepts;

  let enumValues: string[] | undefined;
  const rawEnum = Object.hasOwn(node, 'const') ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (rawEnum && (type === 'object' || type === 'array')) {
    ctx.warnings.push(`dropped enum at ${where(loc.path)} (type ${type})`);
  } else if (rawEnum) {
    if (rawEnum.includes(null)) nullable = true;
    const values = unique(rawEnum.filter((value) => value !== null).map(stringifyEnumValue));
    if (values.length > 0) {
      if (!rawEnum.every((value) => value === null || typeof value === 'string') || (type !== undefined && type !== 'string')) {
        ctx.warnings.push(`converted ${type ?? 'non-string'} enum at ${where(loc.path)} to strings`);
      }
      type = 'string';
      enumValues = values;
    }
  }

  if (type === undefined) {
    type = inferType(node) ?? (isRoot ? 'object' : undefined);
    if (type === undefined) {
      ctx.warnings.push(`treated untyped schema at ${where(loc.path)} as string`);
      type = 'string';
    }
  }

  const out: GeminiSchema = { type };
  const format = type === 'string' && typeof node.format === 'string' && keptFormats.has(node.format) ? node.format : undefined;
  const description = describe(node, format === undefined, accepts);
  if (description) out.description = description;
  if (typeof node.title === 'string') out.title = node.title;
  if (nullable && !isRoot) out.nullable = true;
  if (format) out.format = format;
  if (enumValues) out.enum = enumValues;
  const childLoc = (segment: string): Location => ({ path: joinPath(loc.path, segment), ancestors, depth: loc.depth + 1 });
  if (type === 'object') Object.assign(out, convertObjectMembers(node, loc.path, childLoc, ctx));
  else if (node.properties !== undefined) ctx.warnings.push(`dropped properties at ${where(loc.path)} (type ${type})`);
  if (type === 'array') out.items = convertItems(node, loc.path, childLoc, ctx);
  else if (node.items !== undefined || node.prefixItems !== undefined) ctx.warnings.push(`dropped items at ${where(loc.path)} (type ${type})`);

  for (const [key, value] of Object.entries(node)) {
    if (lossyKeys.has(key) || (lossyWhenSchema.has(key) && typeof value !== 'boolean')) {
      ctx.warnings.push(`dropped ${key} at ${where(loc.path)}`);
    }
  }
  return out;
}

function convertObjectMembers(
  node: JsonObject,
  path: string,
  childLoc: (segment: string) => Location,
  ctx: Context,
): Pick<GeminiSchema, 'properties' | 'required'> {
  if (!isJsonObject(node.properties)) return {};
  const entries: Array<[string, GeminiSchema]> = [];
  for (const [name, sub] of Object.entries(node.properties)) {
    const converted = convertSchema(sub, childLoc(`properties.${name}`), ctx);
    if (converted) entries.push([name, converted]);
    else ctx.warnings.push(`dropped property ${name} at ${where(path)} (schema false never validates)`);
  }
  if (entries.length === 0) return {};
  // fromEntries defines own keys, so a property named "__proto__" stays a property.
  const properties = Object.fromEntries(entries);
  const required = Array.isArray(node.required)
    ? unique(node.required.filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name)))
    : [];
  return required.length > 0 ? { properties, required } : { properties };
}

function convertItems(node: JsonObject, path: string, childLoc: (segment: string) => Location, ctx: Context): GeminiSchema {
  let items: unknown = node.items;
  if (Array.isArray(node.prefixItems) || Array.isArray(node.items)) {
    const tuple = (Array.isArray(node.prefixItems) ? node.prefixItems : node.items) as unknown[];
    ctx.warnings.push(`reduced tuple at ${where(path)} to its first item schema`);
    items = tuple[0];
  }
  const converted = items === undefined ? undefined : convertSchema(items, childLoc('items'), ctx);
  if (converted) return converted;
  ctx.warnings.push(`assumed string items for array at ${where(path)}`);
  return { type: 'string' };
}

/**
 * Resolves `$ref` and `allOf` at the top of one node into a single plain schema. The node's own
 * keywords come first and win, then the ref target, then the allOf branches.
 */
function flattenSchema(node: JsonObject, loc: Location, ctx: Context, hops: number): { node: JsonObject; ancestors: readonly unknown[] } {
  if (hops > ctx.maxDepth) {
    throw new GatewayError('invalid_request', `tool parameters schema chains more than ${ctx.maxDepth} $ref/allOf levels at ${where(loc.path)}`);
  }
  countVisit(ctx);
  const { $ref: ref, allOf, ...own } = node;
  let ancestors = [...loc.ancestors, node];
  const parts: JsonObject[] = [own];
  const addPart = (sub: unknown, label: string): void => {
    if (sub === true) return;
    if (!isJsonObject(sub)) {
      ctx.warnings.push(`ignored ${sub === false ? 'false' : 'invalid'} ${label} at ${where(loc.path)}`);
      return;
    }
    const flat = flattenSchema(sub, { ...loc, ancestors }, ctx, hops + 1);
    parts.push(flat.node);
    ancestors = [...new Set([...ancestors, ...flat.ancestors])];
  };
  if (typeof ref === 'string') {
    const target = resolveRef(ref, ctx);
    if (target === undefined) {
      ctx.warnings.push(`unresolvable $ref ${ref} at ${where(loc.path)} replaced by string`);
      parts.push({ type: 'string' });
    } else if (ancestors.includes(target)) {
      ctx.warnings.push(`cut recursive $ref ${ref} at ${where(loc.path)}`);
      const name = ref.includes('/') ? unescapePointerToken(ref.slice(ref.lastIndexOf('/') + 1)) : 'the root schema';
      const base = typeof own.description === 'string' ? own.description : isJsonObject(target) ? target.description : undefined;
      const note = `(recursive: same structure as ${name}, not expanded)`;
      parts.unshift({ type: 'object', description: typeof base === 'string' && base ? `${base} ${note}` : note });
    } else {
      addPart(target, '$ref target');
    }
  }
  if (Array.isArray(allOf)) allOf.forEach((branch) => addPart(branch, 'allOf branch'));
  return { node: parts.length === 1 ? own : mergeSchemas(parts), ancestors };
}

/** `round` counts unions nested directly inside union branches at this one node. */
function reduceUnion(
  node: JsonObject,
  loc: Location,
  round: number,
  ctx: Context,
): { node: JsonObject; ancestors: readonly unknown[]; nullable: boolean; accepts?: string[] } {
  if (round > ctx.maxDepth) {
    throw new GatewayError('invalid_request', `tool parameters schema nests anyOf/oneOf deeper than ${ctx.maxDepth} levels at ${where(loc.path)}`);
  }
  const { anyOf, oneOf, ...own } = node;
  let ancestors = loc.ancestors;
  let nullable = false;
  const branches: JsonObject[] = [];
  for (const [keyword, list] of [['anyOf', anyOf], ['oneOf', oneOf]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((branch: unknown, index) => {
      if (branch === false) return;
      const flat = flattenSchema(isJsonObject(branch) ? branch : {}, { ...loc, path: joinPath(loc.path, `${keyword}[${index}]`) }, ctx, 0);
      ancestors = [...new Set([...ancestors, ...flat.ancestors])];
      if (isNullSchema(flat.node)) nullable = true;
      else branches.push(flat.node);
    });
  }
  if (branches.length === 0) return { node: own, ancestors, nullable };
  if (branches.every((branch) => !shapeKeys.some((key) => Object.hasOwn(branch, key)))) {
    ctx.warnings.push(`dropped anyOf/oneOf at ${where(loc.path)} (branches only add constraints)`);
    return { node: own, ancestors, nullable };
  }
  if (branches.every((branch) => Object.hasOwn(branch, 'const') || Array.isArray(branch.enum))) {
    const values = branches.flatMap((branch) => (Object.hasOwn(branch, 'const') ? [branch.const] : (branch.enum as unknown[])));
    return { node: mergeSchemas([own, { enum: values }]), ancestors, nullable };
  }
  const objects = branches.filter((branch) => kindOf(branch) === 'object');
  const chosen = objects.length > 1 ? mergeObjectAlternatives(objects) : pickBestBranch(branches);
  const accepts = unique(branches.map(labelOf));
  if (accepts.length > 1) ctx.warnings.push(`reduced union at ${where(loc.path)} (${accepts.join(' | ')}) to ${kindOf(chosen)}`);
  return { node: mergeSchemas([own, chosen]), ancestors, nullable, ...(accepts.length > 1 ? { accepts } : {}) };
}

const branchRank: Record<string, number> = { object: 2, array: 1 };

function pickBestBranch(branches: JsonObject[]): JsonObject {
  const rank = (branch: JsonObject): number => branchRank[kindOf(branch)] ?? 0;
  return branches.reduce((best, branch) => (rank(branch) > rank(best) ? branch : best));
}

/** A field present in every variant stays required; a field of several variants accepts each. */
function mergeObjectAlternatives(objects: JsonObject[]): JsonObject {
  const byName = new Map<string, unknown[]>();
  for (const object of objects) {
    for (const [name, sub] of Object.entries(isJsonObject(object.properties) ? object.properties : {})) {
      byName.set(name, [...(byName.get(name) ?? []), sub]);
    }
  }
  const requiredSets = objects.map((object) => new Set(Array.isArray(object.required) ? object.required : []));
  const required = [...byName.keys()].filter((name) => requiredSets.every((set) => set.has(name)));
  const properties = Object.fromEntries([...byName].map(([name, subs]) => [name, subs.length === 1 ? subs[0] : { anyOf: subs }]));
  // The first variant's title and description would mislabel the others.
  const first = Object.fromEntries(
    Object.entries(objects[0] ?? {}).filter(([key]) => !['properties', 'required', 'title', 'description'].includes(key)),
  );
  return { ...first, type: 'object', properties, required };
}

function mergeSchemas(parts: JsonObject[]): JsonObject {
  const out: JsonObject = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === '__proto__') continue;
      if (!Object.hasOwn(out, key)) {
        out[key] = value;
      } else if (key === 'properties' && isJsonObject(out.properties) && isJsonObject(value)) {
        const merged: Array<[string, unknown]> = Object.entries(out.properties);
        for (const [name, sub] of Object.entries(value)) {
          const index = merged.findIndex(([existing]) => existing === name);
          if (index === -1) merged.push([name, sub]);
          else merged[index] = [name, { allOf: [merged[index]?.[1], sub] }];
        }
        out.properties = Object.fromEntries(merged);
      } else if (key === 'required' && Array.isArray(out.required) && Array.isArray(value)) {
        out.required = unique([...out.required, ...value]);
      } else if (key === 'items' && isJsonObject(out.items) && isJsonObject(value)) {
        out.items = { allOf: [out.items, value] };
      } else if (key === 'enum' && Array.isArray(out.enum) && Array.isArray(value)) {
        out.enum = out.enum.filter((entry) => value.includes(entry));
      }
    }
  }
  return out;
}

function resolveRef(ref: string, ctx: Context): unknown {
  if (!ref.startsWith('#')) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return ctx.root;
  if (!fragment.startsWith('/')) return undefined;
  let current: unknown = ctx.root;
  for (const token of fragment.slice(1).split('/').map(unescapePointerToken)) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(token)) current = current[Number(token)];
    else if (isJsonObject(current) && Object.hasOwn(current, token)) current = current[token];
    else current = undefined;
    if (current === undefined) break;
  }
  if (current !== undefined) return current;
  // Tools often nest a sub-schema's `$defs` but keep its refs pointing at the document root.
  const named = /\/(?:\$defs|definitions)\/([^/]+)$/.exec(fragment);
  return named?.[1] === undefined ? undefined : ctx.namedDefs.get(unescapePointerToken(named[1]));
}

function collectNamedDefs(root: JsonObject, maxNesting: number): Map<string, unknown> {
  const defs = new Map<string, unknown>();
  const seen = new Set<object>();
  const visit = (value: unknown, isNameMap: boolean, nesting: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || nesting > maxNesting) return;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const isDefs = !isNameMap && (key === '$defs' || key === 'definitions') && isJsonObject(child);
      if (isDefs) for (const [name, def] of Object.entries(child)) if (!defs.has(name)) defs.set(name, def);
      visit(child, !isNameMap && (isDefs || key === 'properties' || key === 'patternProperties'), nesting + 1);
    }
  };
  visit(root, false, 0);
  return defs;
}

function normalizeType(raw: unknown, path: string, ctx: Context): { type?: string; nullable: boolean; accepts?: string[] } {
  const names = (Array.isArray(raw) ? raw : [raw]).filter((name): name is string => typeof name === 'string').map((name) => name.toLowerCase());
  const nullable = names.includes('null');
  const known = unique(names.filter((name) => knownTypes.has(name)));
  for (const name of names) if (name !== 'null' && !knownTypes.has(name)) ctx.warnings.push(`ignored unknown type "${name}" at ${where(path)}`);
  const type = known[0];
  if (known.length > 1) ctx.warnings.push(`reduced type union at ${where(path)} (${known.join(' | ')}) to ${type}`);
  return { nullable, ...(type ? { type } : {}), ...(known.length > 1 ? { accepts: known } : {}) };
}

function kindOf(node: JsonObject): string {
  const names = (Array.isArray(node.type) ? node.type : [node.type]).filter((name): name is string => typeof name === 'string');
  const declared = names.map((name) => name.toLowerCase()).find((name) => name !== 'null');
  return declared ?? inferType(node) ?? 'any';
}

function inferType(node: JsonObject): string | undefined {
  return typeHints.find(([, keys]) => keys.some((key) => Object.hasOwn(node, key)))?.[0];
}

function isNullSchema(node: JsonObject): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (node.type !== undefined && types.every((name) => typeof name === 'string' && name.toLowerCase() === 'null')) return true;
  if (Object.hasOwn(node, 'const')) return node.const === null;
  return Array.isArray(node.enum) && node.enum.length > 0 && node.enum.every((value) => value === null);
}

/** Names an alternative for the "Accepts:" hint; object variants list their fields. */
function labelOf(branch: JsonObject): string {
  if (Object.hasOwn(branch, 'const')) return JSON.stringify(branch.const) ?? 'const';
  const title = typeof branch.title === 'string' && branch.title ? branch.title : undefined;
  const kind = kindOf(branch);
  const names = kind === 'object' && isJsonObject(branch.properties) ? Object.keys(branch.properties) : [];
  const fields = names.length > 0 ? `{${names.join(', ')}}` : undefined;
  return [title, fields].filter(Boolean).join(' ') || kind;
}

/** The description plus "(Accepts: ..., minLength: 1, default: 5)" for what the schema can no longer say. */
function describe(node: JsonObject, moveFormat: boolean, accepts: string[] | undefined): string | undefined {
  const notes = accepts ? [`Accepts: ${accepts.join(' | ')}`] : [];
  for (const key of constraintKeys) {
    if (!Object.hasOwn(node, key) || node[key] === undefined || (key === 'format' && !moveFormat)) continue;
    const value = node[key];
    notes.push(`${key}: ${verbatimConstraints.has(key) && typeof value === 'string' ? value : truncate(JSON.stringify(value) ?? String(value))}`);
  }
  const base = typeof node.description === 'string' ? node.description : '';
  const suffix = notes.length > 0 ? `(${notes.join(', ')})` : '';
  return [base, suffix].filter(Boolean).join(' ') || undefined;
}

function stringifyEnumValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function countVisit(ctx: Context): void {
  if (++ctx.visited > maxVisitedNodes) {
    throw new GatewayError('invalid_request', `tool parameters schema expands to more than ${maxVisitedNodes} nodes after inlining $ref`);
  }
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function joinPath(path: string, segment: string): string {
  return path ? `${path}.${segment}` : segment;
}

function where(path: string): string {
  return path || 'root';
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
