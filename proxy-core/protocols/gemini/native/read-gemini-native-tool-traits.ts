/**
 * What a Gemini API request's tools say for the model choice (mapping/resolve-target.ts): a
 * `googleSearch` (or `google_search`) tool, and function declarations. Other tool kinds are
 * refused by the converter; they count as neither here.
 */
import type { ToolTraits } from '../../../mapping/resolve-target.js';
import type { GeminiNativeGenerateRequest } from './gemini-native-request-schema.js';

const searchToolKeys = ['googleSearch', 'google_search'];

export function readGeminiNativeToolTraits(body: GeminiNativeGenerateRequest): ToolTraits {
  let searchTool = false;
  let functionTools = false;
  for (const tool of body.tools ?? []) {
    const fields = tool as Record<string, unknown>;
    if (searchToolKeys.some((key) => fields[key] != null)) searchTool = true;
    if (Array.isArray(tool.functionDeclarations) && tool.functionDeclarations.length > 0) functionTools = true;
  }
  return { searchTool, functionTools };
}
