/** Small readers over a proto-JSON request (both field spellings) shared by the rule files. */
import { getField, isPlainObject } from '../fake-google-proto.js';

export type RulePart = Record<string, unknown>;
export interface RuleContent {
  role?: unknown;
  parts: RulePart[];
}

/** A number, also when proto JSON sent it as a numeric string (int64 style). */
export function readNumber(input: unknown): number | undefined {
  if (typeof input === 'number') return input;
  if (typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) return Number(input);
  return undefined;
}

export function generationConfigOf(request: Record<string, unknown>): Record<string, unknown> {
  const config = getField(request, 'generation_config');
  return isPlainObject(config) ? config : {};
}

export function thinkingConfigOf(request: Record<string, unknown>): Record<string, unknown> | undefined {
  const config = getField(generationConfigOf(request), 'thinking_config');
  return isPlainObject(config) ? config : undefined;
}

export function functionCallsOf(content: RuleContent): Array<Record<string, unknown>> {
  return content.parts.flatMap((part) => {
    const call = getField(part, 'function_call');
    return isPlainObject(call) ? [call] : [];
  });
}

export function functionResponsesOf(content: RuleContent): Array<{ response: Record<string, unknown>; partIndex: number }> {
  return content.parts.flatMap((part, partIndex) => {
    const response = getField(part, 'function_response');
    return isPlainObject(response) ? [{ response, partIndex }] : [];
  });
}

/** The call/response `id`, or undefined when absent or empty. */
export function callId(entry: Record<string, unknown>): string | undefined {
  const id = getField(entry, 'id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}
