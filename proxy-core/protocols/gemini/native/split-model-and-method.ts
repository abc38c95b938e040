/** `models/{model}:{method}`, the last segment of the Gemini API's model paths (https://ai.google.dev/api/generate-content). */
import { GatewayError } from '../../../errors/gateway-error.js';

export const geminiNativeMethods = ['generateContent', 'streamGenerateContent', 'countTokens'] as const;
export type GeminiNativeMethod = (typeof geminiNativeMethods)[number];

/** `gemini-3-flash:streamGenerateContent` -> model and method (model ids hold no colon). */
export function splitModelAndMethod(segment: string): { model: string; method: GeminiNativeMethod } {
  const colon = segment.lastIndexOf(':');
  if (colon <= 0) {
    throw new GatewayError('invalid_request', `The path models/${segment} names no method; use models/{model}:generateContent, :streamGenerateContent or :countTokens.`);
  }
  const model = segment.slice(0, colon);
  const method = segment.slice(colon + 1);
  if (!(geminiNativeMethods as readonly string[]).includes(method)) {
    throw new GatewayError('not_found', `Method '${method}' is not supported on models/${model}; supported: ${geminiNativeMethods.join(', ')}.`);
  }
  return { model, method: method as GeminiNativeMethod };
}
