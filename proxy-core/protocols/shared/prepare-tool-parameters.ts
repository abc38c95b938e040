/**
 * A client tool's JSON Schema (OpenAI `function.parameters`, Anthropic `input_schema`) -> the
 * Gemini `parameters` of its function declaration, cleaned to the subset Cloud Code accepts
 * (clean-json-schema.ts). Function arguments are a JSON object, so a schema of another root type
 * is the client's mistake (400, naming `param`); a tool without parameters still needs an
 * object schema upstream.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import { cleanJsonSchema } from '../gemini/clean-json-schema.js';
import type { GeminiSchema } from '../../canonical/gemini-schemas.js';
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

export interface PrepareToolParametersInput {
  parameters: Record<string, unknown> | undefined;
  /** Request path of the schema, for the 400: `tools[2].input_schema`. */
  param: string;
  toolName: string;
}

export function prepareToolParameters(input: PrepareToolParametersInput, warnings: ConversionWarning[]): GeminiSchema {
  const { parameters, param, toolName } = input;
  if (parameters === undefined || Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  if (typeof parameters.type === 'string' && parameters.type !== 'object') {
    throw new GatewayError('invalid_request', `Invalid '${param}': the schema must be of type "object", got "${parameters.type}".`, {
      param,
    });
  }
  try {
    const cleaned = cleanJsonSchema(parameters);
    warnings.push(...cleaned.warnings.map((warning) => conversionWarning('schema_simplified', `tool ${toolName}: ${warning}`)));
    return cleaned.schema;
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'invalid_request') {
      throw new GatewayError('invalid_request', `Invalid '${param}': ${error.message}.`, { param, cause: error });
    }
    throw error;
  }
}
