/**
 * The Gemini API's `models/{model}:generateContent` and `:streamGenerateContent`
 * (https://ai.google.dev/api/generate-content) for the gateway's one pipeline, for
 * `@google/genai` with `httpOptions.baseUrl` and other Gemini-native clients. The model comes
 * from the path; a stream is SSE with `?alt=sse`, otherwise one JSON array sent as it grows.
 */
import { randomBytes } from 'node:crypto';
import type { AdapterInput, EndpointAdapter, GenerationAdapter } from '../../endpoint-adapter.js';
import { renderGeminiError } from '../render-gemini-error.js';
import { collectGeminiNativeResponse } from './collect-gemini-native-response.js';
import { convertGeminiNativeRequest, type ConvertedGeminiNativeRequest } from './convert-gemini-native-request.js';
import { deriveGeminiNativeSessionKey } from './derive-gemini-native-session-key.js';
import { encodeGeminiNativeStream, type EncodeGeminiNativeOptions } from './encode-gemini-native-stream.js';
import { frameGeminiNativeStream } from './frame-gemini-native-stream.js';
import { geminiCountTokensAdapter } from './gemini-count-tokens-adapter.js';
import { parseGeminiNativeGenerateRequest, type GeminiNativeGenerateRequest } from './gemini-native-request-schema.js';
import { readGeminiNativeToolTraits } from './read-gemini-native-tool-traits.js';
import { splitModelAndMethod } from './split-model-and-method.js';

/** A Gemini API call: the model named in its path, its body, and whether a stream is SSE. */
export interface GeminiNativeCall {
  model: string;
  body: GeminiNativeGenerateRequest;
  sse: boolean;
}

type GeminiNativeAnswerOptions = EncodeGeminiNativeOptions & { sse: boolean };

function createGeminiGenerateAdapter(
  method: 'generateContent' | 'streamGenerateContent',
): GenerationAdapter<GeminiNativeCall, ConvertedGeminiNativeRequest, GeminiNativeAnswerOptions, string> {
  return {
    kind: 'generation',
    name: `gemini ${method}`,
    renderError: renderGeminiError,
    parse: ({ body, params, searchParams }: AdapterInput) => ({
      model: splitModelAndMethod(String(params.modelAndMethod)).model,
      body: parseGeminiNativeGenerateRequest(body),
      sse: searchParams.get('alt') === 'sse',
    }),
    model: (call) => call.model,
    tools: (call) => readGeminiNativeToolTraits(call.body),
    convert: (call, target, signatures) => convertGeminiNativeRequest(call.body, { target, signatures }),
    stream: () => method === 'streamGenerateContent',
    sessionKey: (call) => deriveGeminiNativeSessionKey(call.body),
    // Google's response ids are 23 URL-safe characters.
    createId: () => randomBytes(17).toString('base64url').slice(0, 23),
    answerOptions: (call, converted, target, ids) => ({ includeThoughts: converted.includeThoughts, modelVersion: target.model, responseId: ids.id, sse: call.sse }),
    encodeStream: (events, options) => frameGeminiNativeStream(encodeGeminiNativeStream(events, options), { sse: options.sse }),
    // Without alt=sse the body is one JSON array: the heartbeat must be whitespace JSON allows.
    httpStream: (call, frames) => (call.sse ? { frames } : { frames, contentType: 'application/json; charset=utf-8', heartbeatFrame: '\n' }),
    collect: (events, options) => collectGeminiNativeResponse(encodeGeminiNativeStream(events, options)),
  };
}

const adapters: Record<string, EndpointAdapter> = {
  generateContent: createGeminiGenerateAdapter('generateContent'),
  streamGenerateContent: createGeminiGenerateAdapter('streamGenerateContent'),
  countTokens: geminiCountTokensAdapter,
};

/** The adapter for `models/{model}:{method}`; an unknown or missing method is the client's error, in Google's shape. */
export function geminiNativeAdapterFor(params: Readonly<Record<string, string>>): EndpointAdapter {
  return adapters[splitModelAndMethod(String(params.modelAndMethod)).method] as EndpointAdapter;
}
