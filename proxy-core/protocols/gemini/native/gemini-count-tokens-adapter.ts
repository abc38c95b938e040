/** The Gemini API's `models/{model}:countTokens` (https://ai.google.dev/api/tokens): the request as it would be sent, counted upstream. */
import type { CountTokensAdapter } from '../../endpoint-adapter.js';
import { renderGeminiError } from '../render-gemini-error.js';
import { convertGeminiNativeRequest, type ConvertedGeminiNativeRequest } from './convert-gemini-native-request.js';
import { parseGeminiNativeCountTokensRequest, type GeminiNativeGenerateRequest } from './gemini-native-request-schema.js';
import { readGeminiNativeToolTraits } from './read-gemini-native-tool-traits.js';
import { splitModelAndMethod } from './split-model-and-method.js';

export const geminiCountTokensAdapter: CountTokensAdapter<{ model: string; body: GeminiNativeGenerateRequest }, ConvertedGeminiNativeRequest> = {
  kind: 'count_tokens',
  name: 'gemini countTokens',
  renderError: renderGeminiError,
  parse: ({ body, params }) => ({ model: splitModelAndMethod(String(params.modelAndMethod)).model, body: parseGeminiNativeCountTokensRequest(body) }),
  model: (call) => call.model,
  tools: (call) => readGeminiNativeToolTraits(call.body),
  convert: (call, target, signatures) => convertGeminiNativeRequest(call.body, { target, signatures }),
  answer: (tokens) => ({ totalTokens: tokens }),
};
