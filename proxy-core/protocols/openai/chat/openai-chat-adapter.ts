/** `POST /v1/chat/completions` (https://platform.openai.com/docs/api-reference/chat/create) for the gateway's one pipeline. */
import type { GenerationAdapter } from '../../endpoint-adapter.js';
import { randomHex } from '../../../util/random-hex.js';
import { showsSourcesAsText } from '../../shared/format-grounding-sources.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { collectOpenAIChatCompletion } from './collect-openai-chat-completion.js';
import { convertOpenAIChatToGemini, type ConvertedOpenAIChatRequest } from './convert-openai-chat-to-gemini.js';
import { deriveOpenAIChatSessionKey } from './derive-openai-chat-session-key.js';
import { encodeOpenAIChatStream, type EncodeOpenAIChatStreamOptions } from './encode-openai-chat-stream.js';
import { parseOpenAIChatRequest, type OpenAIChatRequest } from './openai-chat-request-schema.js';
import { readOpenAIChatToolTraits } from './read-openai-chat-tool-traits.js';

export const openAIChatAdapter: GenerationAdapter<OpenAIChatRequest, ConvertedOpenAIChatRequest, EncodeOpenAIChatStreamOptions, string> = {
  kind: 'generation',
  name: 'chat.completions',
  renderError: renderOpenAIError,
  parse: ({ body }) => parseOpenAIChatRequest(body),
  model: (request) => request.model,
  tools: readOpenAIChatToolTraits,
  convert: (request, target, signatures) => convertOpenAIChatToGemini(request, { target, signatures }),
  stream: (request) => request.stream === true,
  sessionKey: deriveOpenAIChatSessionKey,
  createId: () => `chatcmpl-${randomHex(16)}`,
  answerOptions: (request, converted, _target, ids) => ({
    id: ids.id,
    model: request.model,
    created: ids.created,
    toolNames: converted.toolNames,
    includeUsage: request.stream_options?.include_usage === true,
    sourcesAsText: showsSourcesAsText(converted.request),
  }),
  encodeStream: encodeOpenAIChatStream,
  httpStream: (_request, frames) => ({ frames }),
  collect: collectOpenAIChatCompletion,
};
