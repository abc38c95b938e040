/**
 * What the gateway answers on the Gemini routes: `GenerateContentResponse` objects
 * (https://ai.google.dev/api/generate-content#generatecontentresponse), the Cloud Code
 * envelope's `response` without the envelope. Built here, never parsed, so plain types.
 */
import type { GeminiPart } from '../../../canonical/gemini-schemas.js';

export interface GeminiNativeUsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
}

export interface GeminiNativeResponse {
  candidates: Array<{ content?: { role: 'model'; parts: GeminiPart[] }; finishReason?: string; groundingMetadata?: Readonly<Record<string, unknown>>; index: 0 }>;
  usageMetadata?: GeminiNativeUsageMetadata;
  modelVersion: string;
  responseId: string;
}
