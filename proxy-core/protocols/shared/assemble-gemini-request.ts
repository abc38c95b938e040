/**
 * The last step of every client-protocol converter: put the converted pieces into one Gemini
 * request, leaving out what is empty, with safety filters off (PROTOCOLS.md: "Safety settings OFF
 * on all categories").
 */
import type {
  GeminiContent,
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
  GeminiToolConfig,
} from '../../canonical/gemini-schemas.js';
import { safetySettingsOff } from '../gemini/safety-settings-off.js';

export interface GeminiRequestPieces {
  contents: GeminiContent[];
  systemInstruction?: GeminiGenerateContentRequest['systemInstruction'] | undefined;
  tools?: GeminiGenerateContentRequest['tools'] | undefined;
  toolConfig?: GeminiToolConfig | undefined;
  generationConfig?: GeminiGenerationConfig | undefined;
}

export function assembleGeminiRequest(pieces: GeminiRequestPieces): GeminiGenerateContentRequest {
  const { systemInstruction, tools, toolConfig, generationConfig } = pieces;
  return {
    contents: pieces.contents,
    ...(systemInstruction !== undefined && systemInstruction.parts.length > 0 ? { systemInstruction } : {}),
    ...(tools !== undefined ? { tools } : {}),
    ...(toolConfig !== undefined ? { toolConfig } : {}),
    ...(generationConfig !== undefined && Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
    safetySettings: safetySettingsOff.map((setting) => ({ ...setting })),
  };
}
