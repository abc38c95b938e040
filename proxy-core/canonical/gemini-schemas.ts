/**
 * Gemini `generateContent` wire shapes as the Cloud Code `v1internal` API takes and returns them
 * (../shared/reference/UPSTREAM-PROTOCOL.md §4-§6). Schemas are partial where we only read
 * (responses) and complete where we build (requests); types come from z.infer.
 */
import { z } from 'zod';

export const geminiPartSchema = z.object({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.object({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.object({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z
    .object({ name: z.string(), args: z.record(z.string(), z.unknown()).optional(), id: z.string().optional() })
    .optional(),
  functionResponse: z
    .object({ name: z.string(), response: z.record(z.string(), z.unknown()), id: z.string().optional() })
    .optional(),
});
export type GeminiPart = z.infer<typeof geminiPartSchema>;

export const geminiContentSchema = z.object({
  role: z.enum(['user', 'model']),
  parts: z.array(geminiPartSchema),
});
export type GeminiContent = z.infer<typeof geminiContentSchema>;

/** A Vertex `Schema` subset; built by protocols/gemini/clean-json-schema.ts. */
export type GeminiSchema = {
  type?: string;
  description?: string;
  title?: string;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  items?: GeminiSchema;
  enum?: string[];
  format?: string;
  nullable?: boolean;
};

export const geminiFunctionDeclarationSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type GeminiFunctionDeclaration = Omit<z.infer<typeof geminiFunctionDeclarationSchema>, 'parameters'> & {
  parameters?: GeminiSchema;
};

export const geminiToolConfigSchema = z.object({
  functionCallingConfig: z.object({
    mode: z.enum(['AUTO', 'ANY', 'NONE', 'VALIDATED']),
    allowedFunctionNames: z.array(z.string()).optional(),
  }),
});
export type GeminiToolConfig = z.infer<typeof geminiToolConfigSchema>;

export const geminiThinkingConfigSchema = z.object({
  includeThoughts: z.boolean().optional(),
  thinkingBudget: z.number().int().optional(),
  thinkingLevel: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
});
export type GeminiThinkingConfig = z.infer<typeof geminiThinkingConfigSchema>;

export const geminiGenerationConfigSchema = z.object({
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  candidateCount: z.number().int().optional(),
  maxOutputTokens: z.number().int().optional(),
  stopSequences: z.array(z.string()).optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  seed: z.number().int().optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
  thinkingConfig: geminiThinkingConfigSchema.optional(),
  /** Image models only (https://ai.google.dev/gemini-api/docs/image-generation). */
  imageConfig: z.object({ aspectRatio: z.string().optional(), imageSize: z.string().optional() }).optional(),
});
export type GeminiGenerationConfig = Omit<z.infer<typeof geminiGenerationConfigSchema>, 'responseSchema'> & {
  responseSchema?: GeminiSchema;
};

export const harmCategories = [
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
  'HARM_CATEGORY_CIVIC_INTEGRITY',
] as const;

export interface GeminiSafetySetting {
  category: (typeof harmCategories)[number];
  threshold: 'OFF' | 'BLOCK_NONE' | 'BLOCK_ONLY_HIGH' | 'BLOCK_MEDIUM_AND_ABOVE' | 'BLOCK_LOW_AND_ABOVE';
}

/**
 * A tool: functions the client declared, or Google Search grounding (which the upstream does not
 * combine with functions, UPSTREAM-PROTOCOL.md §4).
 */
export type GeminiTool = { functionDeclarations: GeminiFunctionDeclaration[] } | { googleSearch: Record<string, never> };

/** The inner `request` of the Cloud Code envelope: a Gemini API GenerateContentRequest. */
export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: { role?: 'user'; parts: Array<{ text: string }> };
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  safetySettings?: GeminiSafetySetting[];
  generationConfig?: GeminiGenerationConfig;
  sessionId?: string;
}

/** What a generate call is for: `agent` for conversations, `image_gen` for the Images API (Antigravity's spelling). */
export type CloudCodeRequestType = 'agent' | 'image_gen';

/** Cloud Code envelope around a generate request (UPSTREAM-PROTOCOL.md §4). */
export interface CloudCodeGenerateEnvelope {
  project?: string;
  model: string;
  requestId: string;
  userAgent: string;
  requestType: CloudCodeRequestType;
  request: GeminiGenerateContentRequest;
}

export const geminiUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
});
export type GeminiUsageMetadata = z.infer<typeof geminiUsageMetadataSchema>;

/** What Google Search grounding found: the queries it ran and the pages it used (the rest passes through unread). */
export const geminiGroundingMetadataSchema = z.looseObject({
  webSearchQueries: z.array(z.string()).optional(),
  groundingChunks: z.array(z.looseObject({ web: z.looseObject({ uri: z.string().optional(), title: z.string().optional() }).optional() })).optional(),
});
export type GeminiGroundingMetadata = z.infer<typeof geminiGroundingMetadataSchema>;

/** One `response` object of a streamed chunk (the envelope's `response`, already unwrapped). */
export const geminiResponseChunkSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ role: z.string().optional(), parts: z.array(geminiPartSchema.loose()).optional() }).optional(),
        finishReason: z.string().optional(),
        index: z.number().optional(),
        groundingMetadata: geminiGroundingMetadataSchema.optional(),
      }),
    )
    .optional(),
  usageMetadata: geminiUsageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
});
export type GeminiResponseChunk = z.infer<typeof geminiResponseChunkSchema>;
