/**
 * A failed request validation as the 400 a client expects: the first problem, named by its path
 * in the protocol's own notation (OpenAI `messages[2].role`, Anthropic `messages.2.role`), worded
 * like OpenAI's messages ("Missing required parameter: 'model'.").
 */
import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';

/** Per-parse error map: plain-English phrases for zod's default messages. */
export const requestErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return typeof issue.input === 'number' ? 'must be an integer' : `must be an integer, got ${describe(issue.input)}`;
      return `must be ${withArticle(issue.expected)}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array') return `must contain at least ${String(issue.minimum)} item(s)`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must contain at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        return `must be one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}`;
      }
      return undefined;
    default:
      return undefined;
  }
};

export interface ConvertZodErrorOptions {
  /** `brackets` (default): `messages[2].role`; `dots`: `messages.2.role`. */
  pathStyle?: 'brackets' | 'dots';
}

export function convertZodErrorToGatewayError(error: z.ZodError, options: ConvertZodErrorOptions = {}): GatewayError {
  const first = error.issues[0];
  if (first === undefined) return new GatewayError('invalid_request', 'Invalid request body.');
  const issue = innermostIssue(first);
  const param = options.pathStyle === 'dots' ? issue.path.map(String).join('.') : formatPath(issue.path);
  if (param === '') return new GatewayError('invalid_request', `Invalid request body: ${issue.message}.`);
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? `Missing required parameter: '${param}'.` : `Invalid '${param}': ${issue.message}.`;
  return new GatewayError('invalid_request', message, { param });
}

/**
 * For a union (`content` is a string or an array of parts), the problem inside the branch the
 * value plainly meant (an array with a bad part) says more than "matches no branch".
 */
function innermostIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const meant = issue.errors.filter((branch) => {
    const head = branch[0];
    return head !== undefined && !(head.path.length === 0 && (head.code === 'invalid_type' || head.code === 'invalid_value'));
  });
  const head = meant.length === 1 ? meant[0]?.[0] : undefined;
  return head === undefined ? issue : innermostIssue({ ...head, path: [...issue.path, ...head.path] });
}

/** `['messages', 2, 'role']` -> `messages[2].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else result += result === '' ? String(segment) : `.${String(segment)}`;
  }
  return result;
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return withArticle(typeof input);
}
