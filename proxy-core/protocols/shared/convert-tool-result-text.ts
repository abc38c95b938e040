/**
 * A tool's textual result -> Gemini `functionResponse.response`
 * (https://ai.google.dev/api/caching#FunctionResponse), which must be a JSON object: a JSON
 * object result is sent as the object itself, anything else as `{ result: text }`.
 */
import { isPlainObject } from './is-plain-object.js';

export function convertToolResultText(text: string): Record<string, unknown> {
  if (text.trimStart().startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (isPlainObject(value)) return value;
    } catch {
      // Not JSON after all: plain text.
    }
  }
  return { result: text };
}
