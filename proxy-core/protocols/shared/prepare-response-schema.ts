/**
 * A client's structured-output JSON Schema (OpenAI `response_format.json_schema.schema`,
 * Anthropic `output_config.format.schema`) -> Gemini `responseSchema`. The schema cleaner wraps a
 * non-object root in an object, which is right for tool arguments but would change the shape of
 * the answer here; `responseSchema` takes any root, so the wrapper is removed again.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import { cleanJsonSchema, wrappedRootProperty } from '../gemini/clean-json-schema.js';
import type { GeminiSchema } from '../../canonical/gemini-schemas.js';

/** `param` names the schema in the request, for the 400 a bad schema gets. */
export function prepareResponseSchema(schema: Record<string, unknown>, param: string): { schema: GeminiSchema; warnings: string[] } {
  let cleaned: ReturnType<typeof cleanJsonSchema>;
  try {
    cleaned = cleanJsonSchema(schema);
  } catch (error) {
    if (!(error instanceof GatewayError) || error.kind !== 'invalid_request') throw error;
    throw new GatewayError('invalid_request', `Invalid '${param}': ${error.message}.`, { param, cause: error });
  }
  const wrapped = cleaned.schema.properties?.[wrappedRootProperty];
  const wrapWarning = cleaned.warnings.findIndex((warning) => warning.includes(`in properties.${wrappedRootProperty}`));
  if (wrapped === undefined || wrapWarning === -1) return cleaned;
  return { schema: wrapped, warnings: cleaned.warnings.filter((_, index) => index !== wrapWarning) };
}
