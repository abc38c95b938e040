/**
 * What the gateway reads of a Gemini API `generateContent` / `streamGenerateContent` body
 * (https://ai.google.dev/api/generate-content#request-body) and of a `countTokens` body
 * (https://ai.google.dev/api/tokens#method:-models.counttokens), in the camelCase JSON the
 * `@google/genai` SDK and the REST docs use. Parts are checked: each must carry one of the data
 * fields the upstream takes, so a part the gateway would silently empty is a 400 instead.
 * Everything else is loose, and the converter reports what it drops.
 */
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.js';
import { convertZodErrorToGatewayError, requestErrorMap } from '../../shared/convert-zod-error-to-gateway-error.js';
import { parseRequestBody } from '../../shared/parse-request-body.js';
import { imageAspectRatioSchema, imageSizeSchema } from '../../../canonical/image-config-values.js';

const dataFields = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'] as const;

const partSchema = z
  .looseObject({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    inlineData: z.looseObject({ mimeType: z.string().min(1), data: z.string() }).optional(),
    fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string().min(1) }).optional(),
    functionCall: z
      .looseObject({ name: z.string().min(1), args: z.record(z.string(), z.unknown()).optional(), id: z.string().optional() })
      .optional(),
    functionResponse: z
      .looseObject({ name: z.string().min(1), response: z.record(z.string(), z.unknown()), id: z.string().optional() })
      .optional(),
  })
  .check((context) => {
    const present = dataFields.filter((field) => context.value[field] !== undefined);
    if (present.length === 1) return;
    context.issues.push({
      code: 'custom',
      input: context.value,
      message:
        present.length === 0
          ? `must have one of ${dataFields.join(', ')} (other part kinds, such as executableCode, are not supported)`
          : `must have only one of ${dataFields.join(', ')}, got ${present.join(' and ')}`,
    });
  });
export type GeminiNativePart = z.infer<typeof partSchema>;

/** `function` is the old role of function responses; the upstream takes only user and model. */
const contentSchema = z.looseObject({
  role: z.enum(['user', 'model', 'function']).optional(),
  parts: z.array(partSchema).min(1),
});
export type GeminiNativeContent = z.infer<typeof contentSchema>;

const functionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

const thinkingLevelSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  z.enum(['minimal', 'low', 'medium', 'high', 'thinking_level_unspecified']),
);

export const geminiNativeGenerateRequestSchema = z.looseObject({
  contents: z.array(contentSchema).min(1),
  systemInstruction: z.union([z.string(), z.looseObject({ role: z.string().optional(), parts: z.array(partSchema) })]).optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(functionDeclarationSchema).optional() })).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({
          mode: z.enum(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']).optional(),
          allowedFunctionNames: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
  generationConfig: z
    .looseObject({
      temperature: z.number().min(0).max(2).optional(),
      topP: z.number().min(0).max(1).optional(),
      topK: z.number().min(1).optional(),
      candidateCount: z.number().int().min(1).max(1, { error: 'candidateCount > 1 is not supported' }).optional(),
      maxOutputTokens: z.number().int().min(1).optional(),
      stopSequences: z.array(z.string()).max(5).optional(),
      presencePenalty: z.number().optional(),
      frequencyPenalty: z.number().optional(),
      seed: z.number().int().optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.record(z.string(), z.unknown()).optional(),
      responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
      thinkingConfig: z
        .looseObject({
          includeThoughts: z.boolean().optional(),
          thinkingBudget: z.number().int().optional(),
          thinkingLevel: thinkingLevelSchema.optional(),
        })
        .optional(),
      imageConfig: z.looseObject({ aspectRatio: imageAspectRatioSchema.optional(), imageSize: imageSizeSchema.optional() }).optional(),
    })
    .optional(),
});
export type GeminiNativeGenerateRequest = z.infer<typeof geminiNativeGenerateRequestSchema>;

/** `countTokens` takes `contents`, or a whole `generateContentRequest` (checked as one in the route). */
export const geminiNativeCountTokensRequestSchema = z
  .looseObject({ contents: z.array(contentSchema).min(1).optional(), generateContentRequest: z.unknown().optional() })
  .check((context) => {
    if (context.value.contents === undefined && context.value.generateContentRequest === undefined) {
      context.issues.push({ code: 'custom', input: context.value, path: ['contents'], message: 'is required (or generateContentRequest)' });
    }
  });

function parse<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  return parseRequestBody(schema, body, { keepUndefinedLiterals: true });
}

export function parseGeminiNativeGenerateRequest(body: unknown): GeminiNativeGenerateRequest {
  return parse(geminiNativeGenerateRequestSchema, body);
}

/** The request whose tokens to count: the `generateContentRequest`, or just the `contents`. */
export function parseGeminiNativeCountTokensRequest(body: unknown): GeminiNativeGenerateRequest {
  const parsed = parse(geminiNativeCountTokensRequestSchema, body);
  if (parsed.contents !== undefined) {
    // The fields beside `contents` (systemInstruction, tools, generationConfig) are checked as
    // generateContent checks them: garbage is a 400, never a count. Well-formed ones are counted.
    const { generateContentRequest: _ignored, ...request } = parse(geminiNativeGenerateRequestSchema, body);
    return request as GeminiNativeGenerateRequest;
  }
  const result = geminiNativeGenerateRequestSchema.safeParse(parsed.generateContentRequest, { error: requestErrorMap, reportInput: true });
  if (!result.success) {
    const error = convertZodErrorToGatewayError(result.error);
    const param = error.param === undefined ? 'generateContentRequest' : `generateContentRequest.${error.param}`;
    throw new GatewayError('invalid_request', error.message.replace(/'([^']*)'/, `'${param}'`), { param });
  }
  return result.data;
}
