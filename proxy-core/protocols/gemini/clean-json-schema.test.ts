import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { cleanJsonSchema, wrappedRootProperty } from './clean-json-schema.js';

interface ToolSchemaFixture {
  name: string;
  input: unknown;
  expected: unknown;
  warnings: string[];
}

const fixtureDirectory = new URL('./__fixtures__/tool-schemas/', import.meta.url);
const fixtures: ToolSchemaFixture[] = readdirSync(fixtureDirectory)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ name: file.replace(/\.json$/, ''), ...JSON.parse(readFileSync(new URL(file, fixtureDirectory), 'utf8')) }));

const allowedKeys = new Set(['type', 'description', 'title', 'properties', 'required', 'items', 'enum', 'format', 'nullable']);
const allowedTypes = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean']);

/** Every rule of the Gemini `Schema` subset, checked on every node; returns what breaks it. */
function findSchemaViolations(node: unknown, path = 'root'): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [`${path}: not a schema object`];
  const schema = node as Record<string, unknown>;
  const violations = Object.keys(schema)
    .filter((key) => !allowedKeys.has(key))
    .map((key) => `${path}: disallowed key ${key}`);
  if (typeof schema.type !== 'string' || !allowedTypes.has(schema.type)) violations.push(`${path}: bad type ${String(schema.type)}`);
  for (const key of ['description', 'title'] as const) {
    if (key in schema && typeof schema[key] !== 'string') violations.push(`${path}: ${key} is not a string`);
  }
  if ('nullable' in schema && schema.nullable !== true) violations.push(`${path}: nullable is not true`);
  if ('enum' in schema) {
    const values = schema.enum;
    if (!Array.isArray(values) || values.length === 0 || !values.every((value) => typeof value === 'string')) violations.push(`${path}: enum is not a list of strings`);
    if (schema.type !== 'string') violations.push(`${path}: enum on type ${String(schema.type)}`);
  }
  if ('format' in schema && (schema.type !== 'string' || !['enum', 'date-time'].includes(String(schema.format)))) {
    violations.push(`${path}: format ${String(schema.format)} on type ${String(schema.type)}`);
  }
  if ('properties' in schema && schema.type !== 'object') violations.push(`${path}: properties on type ${String(schema.type)}`);
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const [name, sub] of Object.entries(properties)) violations.push(...findSchemaViolations(sub, `${path}.properties.${name}`));
  if ('required' in schema) {
    const required = schema.required;
    if (!Array.isArray(required) || required.length === 0 || required.some((name) => typeof name !== 'string' || !Object.hasOwn(properties, name))) {
      violations.push(`${path}: required names a missing property`);
    }
  }
  if (schema.type === 'array' && !('items' in schema)) violations.push(`${path}: array without items`);
  if ('items' in schema) {
    if (schema.type !== 'array') violations.push(`${path}: items on type ${String(schema.type)}`);
    violations.push(...findSchemaViolations(schema.items, `${path}.items`));
  }
  return violations;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('cleanJsonSchema on real tool schemas', () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const result = cleanJsonSchema(fixture.input);
    expect(result.schema).toEqual(fixture.expected);
    expect(result.warnings).toEqual(fixture.warnings);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s: output is inside the Gemini subset', (_name, fixture) => {
    const { schema } = cleanJsonSchema(fixture.input);
    expect(findSchemaViolations(schema)).toEqual([]);
    expect(schema.type).toBe('object');
    expect(schema.properties).toBeDefined();
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s: never mutates its input', (_name, fixture) => {
    const input = deepFreeze(structuredClone(fixture.input));
    const before = structuredClone(input);
    cleanJsonSchema(input);
    expect(input).toEqual(before);
  });
});

describe('findSchemaViolations (the subset check itself)', () => {
  it('catches what Gemini rejects', () => {
    const bad = {
      type: 'object',
      properties: {
        a: { type: 'string', default: 'x' },
        b: { type: 'STRING' },
        c: { type: 'integer', enum: [1] },
        d: { type: 'array' },
        e: { type: 'object', properties: { $ref: { type: 'string', $ref: '#/$defs/X' } } },
        f: { type: 'string', format: 'uri' },
      },
      required: ['a', 'missing'],
      additionalProperties: false,
    };
    expect(findSchemaViolations(bad)).toEqual([
      'root: disallowed key additionalProperties',
      'root.properties.a: disallowed key default',
      'root.properties.b: bad type STRING',
      'root.properties.c: enum is not a list of strings',
      'root.properties.c: enum on type integer',
      'root.properties.d: array without items',
      'root.properties.e.properties.$ref: disallowed key $ref',
      'root.properties.f: format uri on type string',
      'root: required names a missing property',
    ]);
  });
});

describe('cleanJsonSchema roots', () => {
  it.each([undefined, null, true, {}, { type: 'object' }, { type: 'OBJECT', properties: {}, additionalProperties: false, $schema: 'x' }])(
    'gives an empty object for %j',
    (input) => {
      expect(cleanJsonSchema(input)).toEqual({ schema: { type: 'object', properties: {} }, warnings: [] });
    },
  );

  it.each([
    ['a number', 42],
    ['a string', 'string'],
    ['an empty array', []],
    ['an array of schemas', [{ type: 'object' }]],
    ['false', false],
  ])('rejects %s as invalid_request', (_label, input) => {
    const error = (() => {
      try {
        cleanJsonSchema(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, message: 'tool parameters must be a JSON Schema object' });
  });

  it('wraps a non-object root so the model still sends an object', () => {
    expect(cleanJsonSchema({ type: 'string', description: 'A city', minLength: 2 })).toEqual({
      schema: { type: 'object', properties: { [wrappedRootProperty]: { type: 'string', description: 'A city (minLength: 2)' } }, required: ['value'] },
      warnings: ['wrapped non-object root schema (string) in properties.value'],
    });
    expect(cleanJsonSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] }).schema).toEqual({
      type: 'object',
      properties: { value: { type: 'string', description: '(Accepts: string | number)' } },
      required: ['value'],
    });
  });

  it('does not mark the root nullable and keeps an untyped root with properties an object', () => {
    expect(cleanJsonSchema({ type: ['object', 'null'], properties: { a: { type: 'string' } } }).schema).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
    expect(cleanJsonSchema({ description: 'No arguments' }).schema).toEqual({ type: 'object', description: 'No arguments', properties: {} });
  });
});

describe('cleanJsonSchema limits', () => {
  const nested = (levels: number): Record<string, unknown> =>
    levels === 0 ? { type: 'string' } : { type: 'object', properties: { child: nested(levels - 1) } };

  it('accepts nesting up to maxDepth and rejects one level more', () => {
    expect(() => cleanJsonSchema(nested(32))).not.toThrow();
    expect(() => cleanJsonSchema(nested(33))).toThrow(GatewayError);
    expect(() => cleanJsonSchema(nested(3), { maxDepth: 3 })).not.toThrow();
    expect(() => cleanJsonSchema(nested(4), { maxDepth: 3 })).toThrow(/nested deeper than 3 levels at properties\.child\.properties\.child\.properties\.child\.properties\.child/);
  });

  it('rejects a circular object instead of looping', () => {
    const loop: Record<string, unknown> = { type: 'object' };
    loop.properties = { self: loop };
    expect(() => cleanJsonSchema(loop)).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
    const allOfLoop: Record<string, unknown> = { type: 'object' };
    allOfLoop.allOf = [allOfLoop];
    expect(() => cleanJsonSchema(allOfLoop)).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
  });

  it('rejects a $ref graph that would expand exponentially', () => {
    const $defs: Record<string, unknown> = { L30: { type: 'string' } };
    for (let level = 0; level < 30; level++) {
      $defs[`L${level}`] = { type: 'object', properties: { left: { $ref: `#/$defs/L${level + 1}` }, right: { $ref: `#/$defs/L${level + 1}` } } };
    }
    expect(() => cleanJsonSchema({ $ref: '#/$defs/L0', $defs })).toThrow(/more than 20000 nodes/);
  });

  it('cuts a definition that refers to itself', () => {
    const result = cleanJsonSchema({ type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/A' } } });
    expect(result.schema.properties?.a).toEqual({ type: 'object', description: '(recursive: same structure as A, not expanded)' });
    expect(result.warnings).toEqual(['cut recursive $ref #/$defs/A at properties.a']);
  });
});

describe('cleanJsonSchema nodes', () => {
  const property = (schema: unknown): { schema: unknown; warnings: string[] } => {
    const result = cleanJsonSchema({ type: 'object', properties: { p: schema } });
    return { schema: result.schema.properties?.p, warnings: result.warnings };
  };

  it('turns unconstrained sub-schemas into strings and drops false properties', () => {
    const result = cleanJsonSchema({
      type: 'object',
      properties: { any: true, never: false, empty: {}, note: { description: 'Anything' } },
      required: ['any', 'never', 'empty'],
    });
    expect(result.schema).toEqual({
      type: 'object',
      properties: { any: { type: 'string' }, empty: { type: 'string' }, note: { type: 'string', description: 'Anything' } },
      required: ['any', 'empty'],
    });
    expect(result.warnings).toEqual([
      'treated unconstrained schema at properties.any as string',
      'dropped property never at root (schema false never validates)',
      'treated untyped schema at properties.empty as string',
      'treated untyped schema at properties.note as string',
    ]);
  });

  it('keeps properties whose names are JSON Schema keywords', () => {
    const names = ['pattern', 'default', '$ref', 'properties', 'type', 'items', '__proto__', 'constructor'];
    const input = JSON.parse(`{"type":"object","properties":{${names.map((name) => `"${name}":{"type":"integer"}`).join(',')}},"required":["__proto__","$ref"]}`);
    const { schema } = cleanJsonSchema(input);
    expect(Object.keys(schema.properties ?? {})).toEqual(names);
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
    expect(schema.required).toEqual(['__proto__', '$ref']);
  });

  it('lower-cases Gemini-style types', () => {
    expect(property({ type: 'ARRAY', items: { type: 'INTEGER' } }).schema).toEqual({ type: 'array', items: { type: 'integer' } });
  });

  it('keeps only enum and date-time formats on strings', () => {
    expect(property({ type: 'string', format: 'date-time' }).schema).toEqual({ type: 'string', format: 'date-time' });
    expect(property({ type: 'string', format: 'uri', description: 'Link' }).schema).toEqual({ type: 'string', description: 'Link (format: uri)' });
    expect(property({ type: 'integer', format: 'int64' }).schema).toEqual({ type: 'integer', description: '(format: int64)' });
  });

  it('moves every constraint into the description in a fixed order', () => {
    expect(property({ type: 'string', examples: ['a'], default: 'a', pattern: '^\\w+$', maxLength: 9, minLength: 1 }).schema).toEqual({
      type: 'string',
      description: '(minLength: 1, maxLength: 9, pattern: ^\\w+$, default: "a", examples: ["a"])',
    });
    expect(property({ type: 'array', items: { type: 'number', multipleOf: 0.5 }, uniqueItems: true }).schema).toEqual({
      type: 'array',
      description: '(uniqueItems: true)',
      items: { type: 'number', description: '(multipleOf: 0.5)' },
    });
    const long = property({ type: 'object', default: { text: 'x'.repeat(200) } }).schema as { description: string };
    // "(default: " + 119 characters and an ellipsis + ")"
    expect(long.description).toHaveLength(131);
    expect(long.description.endsWith('…)')).toBe(true);
  });

  it('drops annotations silently and warns about lost constraints', () => {
    expect(
      property({
        type: 'object',
        properties: { a: { type: 'string', readOnly: true, deprecated: true, 'x-order': 1, $comment: 'c', contentMediaType: 'text/plain' } },
        patternProperties: { '^x-': { type: 'string' } },
        if: { required: ['a'] },
        then: { required: ['b'] },
        not: { required: ['c'] },
        dependentRequired: { a: ['b'] },
      }),
    ).toEqual({
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      warnings: [
        'dropped patternProperties at properties.p',
        'dropped if at properties.p',
        'dropped then at properties.p',
        'dropped not at properties.p',
        'dropped dependentRequired at properties.p',
      ],
    });
  });

  it('drops structure that does not fit the type', () => {
    expect(property({ type: 'string', properties: { a: { type: 'string' } }, required: ['a'] })).toEqual({
      schema: { type: 'string' },
      warnings: ['dropped properties at properties.p (type string)'],
    });
    expect(property({ type: 'object', items: { type: 'string' }, enum: [{}] })).toEqual({
      schema: { type: 'object' },
      warnings: ['dropped enum at properties.p (type object)', 'dropped items at properties.p (type object)'],
    });
  });

  it('infers a missing type from the keywords present', () => {
    expect(property({ properties: { a: { type: 'string' } } }).schema).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
    expect(property({ items: { type: 'string' } }).schema).toEqual({ type: 'array', items: { type: 'string' } });
    expect(property({ enum: ['a', 'b'] }).schema).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(property({ minimum: 0 }).schema).toEqual({ type: 'number', description: '(minimum: 0)' });
    expect(property({ additionalProperties: { type: 'string' } }).schema).toEqual({ type: 'object' });
  });

  it('turns a null-only union into a nullable field', () => {
    expect(property({ anyOf: [{ type: 'null' }], description: 'Always null' })).toEqual({
      schema: { type: 'string', description: 'Always null', nullable: true },
      warnings: ['treated untyped schema at properties.p as string'],
    });
  });

  it('ignores unions that only add constraints to the declared shape', () => {
    const input = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] };
    expect(property(input)).toEqual({
      schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } },
      warnings: ['dropped anyOf/oneOf at properties.p (branches only add constraints)'],
    });
  });

  it('merges shared fields into variant objects and resolves nested unions', () => {
    const input = {
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
      oneOf: [{ anyOf: [{ $ref: '#/$defs/ByName' }, { type: 'null' }] }],
    };
    const result = cleanJsonSchema({ type: 'object', properties: { p: input }, $defs: { ByName: { properties: { name: { type: 'string' } }, required: ['name'] } } });
    expect(result.schema.properties?.p).toEqual({
      type: 'object',
      nullable: true,
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
    expect(result.warnings).toEqual([]);
  });

  it('replaces unresolvable refs and invalid sub-schemas by strings', () => {
    const result = cleanJsonSchema({
      type: 'object',
      properties: { missing: { $ref: '#/$defs/Missing', description: 'Gone' }, anchor: { $ref: '#node' }, typo: 'string', badEscape: { $ref: '#/%E0%A4%A' } },
    });
    expect(result.schema.properties).toEqual({
      missing: { type: 'string', description: 'Gone' },
      anchor: { type: 'string' },
      typo: { type: 'string' },
      badEscape: { type: 'string' },
    });
    expect(result.warnings).toEqual([
      'unresolvable $ref #/$defs/Missing at properties.missing replaced by string',
      'unresolvable $ref #node at properties.anchor replaced by string',
      'treated invalid schema at properties.typo as string',
      'unresolvable $ref #/%E0%A4%A at properties.badEscape replaced by string',
    ]);
  });

  it('warns about unknown types and falls back on inference', () => {
    expect(property({ type: 'file', description: 'Upload' })).toEqual({
      schema: { type: 'string', description: 'Upload' },
      warnings: ['ignored unknown type "file" at properties.p', 'treated untyped schema at properties.p as string'],
    });
  });
});

describe('cleanJsonSchema on generated schemas', () => {
  // A small seeded generator of hostile-but-plausible schemas: whatever it builds, the output must stay
  // inside the subset, the call must not throw, and the input must not change.
  function createRandom(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  function generate(random: () => number, depth: number): unknown {
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    const roll = random();
    if (depth > 4 || roll < 0.1) return pick([true, false, {}, { type: 'null' }, { $ref: '#/$defs/D0' }, { $ref: '#/$defs/Nope' }, { const: pick([1, 'a', null, true]) }]);
    const node: Record<string, unknown> = {};
    const type = pick(['object', 'array', 'string', 'integer', 'number', 'boolean', ['string', 'null'], ['integer', 'string'], 'NULL', undefined]);
    if (type !== undefined) node.type = type;
    if (random() < 0.5) node.properties = { a: generate(random, depth + 1), b: generate(random, depth + 1) };
    if (random() < 0.3) node.required = pick([['a'], ['a', 'zzz'], 'a', [1]]);
    if (random() < 0.3) node.items = random() < 0.3 ? [generate(random, depth + 1)] : generate(random, depth + 1);
    if (random() < 0.2) node.prefixItems = [generate(random, depth + 1)];
    if (random() < 0.3) node[pick(['anyOf', 'oneOf', 'allOf'])] = [generate(random, depth + 1), generate(random, depth + 1), { type: 'null' }];
    if (random() < 0.2) node.enum = pick([[1, 2], ['a', null], [true], [{ x: 1 }], []]);
    if (random() < 0.2) node.$ref = pick(['#/$defs/D0', '#/$defs/D1', '#', '#/properties/a']);
    for (const key of ['additionalProperties', 'propertyNames', 'format', 'default', 'minimum', 'pattern', 'description', 'title', 'nullable', 'x-extra']) {
      if (random() < 0.1) node[key] = pick([false, { type: 'string' }, 'date-time', 'uri', 3, null, 'text', true]);
    }
    return node;
  }

  it('always produces a schema inside the Gemini subset', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = createRandom(seed);
      const input = deepFreeze({ type: 'object', properties: { root: generate(random, 0) }, $defs: { D0: generate(random, 1), D1: generate(random, 2) } });
      const before = structuredClone(input);
      const { schema } = cleanJsonSchema(input);
      expect(findSchemaViolations(schema), `seed ${seed}`).toEqual([]);
      expect(input).toEqual(before);
    }
  });
});
