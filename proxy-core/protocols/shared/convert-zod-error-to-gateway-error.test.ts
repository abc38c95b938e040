import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { convertZodErrorToGatewayError, formatPath, requestErrorMap, type ConvertZodErrorOptions } from './convert-zod-error-to-gateway-error.js';

/** What a client gets back for `body` against `schema`: the 400's message and param. */
function refusal(schema: z.ZodType, body: unknown, options?: ConvertZodErrorOptions): { kind: string; message: string; param: string | undefined } {
  const result = schema.safeParse(body, { error: requestErrorMap, reportInput: true });
  if (result.success) throw new Error('expected the body to be refused');
  const error = convertZodErrorToGatewayError(result.error, options);
  expect(error).toBeInstanceOf(GatewayError);
  return { kind: error.kind, message: error.message, param: error.param };
}

const field = (schema: z.ZodType) => z.object({ field: schema });

describe('convertZodErrorToGatewayError', () => {
  it.each([
    ['a fraction for an integer', field(z.number().int()), 1.5, 'must be an integer'],
    ['a string for an integer', field(z.number().int()), '3', 'must be a number, got a string'],
    ['a number for a string', field(z.string()), 5, 'must be a string, got a number'],
    ['an array for an object', field(z.object({})), [], 'must be an object, got an array'],
    ['null for a string', field(z.string()), null, 'must be a string, got null'],
    ['a boolean for an integer array', field(z.array(z.number())), true, 'must be an array, got a boolean'],
    ['a value outside an enum', field(z.enum(['low', 'high'])), 'mid', 'must be one of "low", "high"'],
    ['an empty string', field(z.string().min(1)), '', 'must not be empty'],
    ['a string too short', field(z.string().min(3)), 'ab', 'must be >= 3'],
    ['too few items', field(z.array(z.string()).min(2)), ['a'], 'must contain at least 2 item(s)'],
    ['a number below the minimum', field(z.number().min(0)), -1, 'must be >= 0'],
    ['a number not above an exclusive minimum', field(z.number().gt(0)), 0, 'must be > 0'],
    ['a number above the maximum', field(z.number().max(2)), 3, 'must be <= 2'],
    ['a number not below an exclusive maximum', field(z.number().lt(2)), 2, 'must be < 2'],
    ['too many items', field(z.array(z.string()).max(1)), ['a', 'b'], 'must contain at most 1 item(s)'],
    ['a string too long', field(z.string().max(1)), 'ab', 'must be <= 1'],
  ])('words %s in plain English', (_case, schema, value, phrase) => {
    expect(refusal(schema, { field: value })).toEqual({ kind: 'invalid_request', message: `Invalid 'field': ${phrase}.`, param: 'field' });
  });

  it('lists the accepted values of a discriminated union at its discriminator', () => {
    const schema = field(z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b') })]));
    expect(refusal(schema, { field: { type: 'c' } })).toEqual({ kind: 'invalid_request', message: `Invalid 'field.type': must be one of "a", "b".`, param: 'field.type' });
  });

  it('keeps zod\'s own wording for problems it has no phrase for', () => {
    expect(refusal(field(z.string().regex(/^x$/)), { field: 'y' }).message).toBe("Invalid 'field': Invalid string: must match pattern /^x$/.");
  });

  it('says a missing field is missing, naming its full path', () => {
    const schema = z.object({ messages: z.array(z.object({ role: z.string() })) });
    expect(refusal(schema, { messages: [{ content: 'x' }] })).toEqual({ kind: 'invalid_request', message: "Missing required parameter: 'messages[0].role'.", param: 'messages[0].role' });
    // A present but wrong value is not "missing".
    expect(refusal(schema, { messages: [{ role: 1 }] }).message).toBe("Invalid 'messages[0].role': must be a string, got a number.");
  });

  it('writes the path with brackets by default and with dots when asked (Anthropic)', () => {
    const schema = z.object({ messages: z.array(z.object({ role: z.enum(['user', 'assistant']) })) });
    expect(refusal(schema, { messages: [{ role: 'user' }, { role: 'robot' }] }).param).toBe('messages[1].role');
    expect(refusal(schema, { messages: [{ role: 'user' }, { role: 'robot' }] }, { pathStyle: 'brackets' }).param).toBe('messages[1].role');
    const dots = refusal(schema, { messages: [{ role: 'user' }, { role: 'robot' }] }, { pathStyle: 'dots' });
    expect(dots).toEqual({ kind: 'invalid_request', message: `Invalid 'messages.1.role': must be one of "user", "assistant".`, param: 'messages.1.role' });
  });

  it('names no param when the body itself is the problem', () => {
    expect(refusal(z.string(), 5)).toEqual({ kind: 'invalid_request', message: 'Invalid request body: must be a string, got a number.', param: undefined });
    const empty = convertZodErrorToGatewayError(new z.ZodError([]));
    expect([empty.kind, empty.message, empty.param]).toEqual(['invalid_request', 'Invalid request body.', undefined]);
  });

  it('reports the problem inside the union branch the value plainly meant', () => {
    const content = z.object({ content: z.union([z.string(), z.array(z.object({ type: z.literal('text'), text: z.string() }))]) });
    expect(refusal(content, { content: [{ type: 'text', text: 'ok' }, { type: 'text', text: 7 }] })).toEqual({
      kind: 'invalid_request',
      message: "Invalid 'content[1].text': must be a string, got a number.",
      param: 'content[1].text',
    });
    // A union inside the meant branch is looked into too.
    const nested = z.object({ a: z.union([z.string(), z.object({ b: z.union([z.number(), z.object({ c: z.boolean() })]) })]) });
    expect(refusal(nested, { a: { b: { c: 'yes' } } }).param).toBe('a.b.c');
    // A value that fits no branch at all (wrong type at the union itself) stays the union's problem.
    expect(refusal(content, { content: 5 }).param).toBe('content');
  });

  it('reports a branch\'s own check on the whole value (not a wrong type) as the problem meant', () => {
    const needsEither = z.looseObject({ b: z.string().optional(), c: z.string().optional() }).check((context) => {
      if (context.value.c === undefined) context.issues.push({ code: 'custom', input: context.value, message: 'needs c beside b' });
    });
    expect(refusal(z.object({ a: z.union([z.string(), needsEither]) }), { a: { b: 'x' } })).toEqual({ kind: 'invalid_request', message: "Invalid 'a': needs c beside b.", param: 'a' });
  });

  it('lists the allowed value of a missing literal rather than calling it missing', () => {
    expect(refusal(z.object({ type: z.literal('text') }), {})).toEqual({ kind: 'invalid_request', message: `Invalid 'type': must be one of "text".`, param: 'type' });
  });

  it('keeps the union\'s own problem when more than one branch could have been meant', () => {
    const schema = z.object({ a: z.union([z.object({ x: z.string() }), z.object({ y: z.string() })]) });
    expect(refusal(schema, { a: {} })).toEqual({ kind: 'invalid_request', message: "Invalid 'a': Invalid input.", param: 'a' });
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys after dots', () => {
    expect(formatPath(['messages', 2, 'content', 0, 'text'])).toBe('messages[2].content[0].text');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('');
  });
});
