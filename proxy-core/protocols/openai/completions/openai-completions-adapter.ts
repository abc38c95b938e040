/**
 * Legacy `POST /v1/completions` (https://platform.openai.com/docs/api-reference/completions/create)
 * for the gateway's one pipeline: the prompt is one user message, so the request has no tools
 * (an `-online` name still searches). Its conversation is `user`, else the prompt.
 */
import { deriveSessionKey } from '../../../canonical/derive-session-key.js';
import { noTools } from '../../../mapping/resolve-target.js';
import { randomHex } from '../../../util/random-hex.js';
import { showsSourcesAsText } from '../../shared/format-grounding-sources.js';
import type { GenerationAdapter } from '../../endpoint-adapter.js';
import type { ConvertedOpenAIChatRequest } from '../chat/convert-openai-chat-to-gemini.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { collectOpenAICompletion } from './collect-openai-completion.js';
import { completionPrompt } from './completion-prompt.js';
import { convertOpenAICompletionsToGemini } from './convert-openai-completions-to-gemini.js';
import { encodeOpenAICompletionsStream, type EncodeOpenAICompletionsOptions } from './encode-openai-completions-stream.js';
import { parseOpenAICompletionsRequest, type OpenAICompletionsRequest } from './openai-completions-request-schema.js';

export const openAICompletionsAdapter: GenerationAdapter<OpenAICompletionsRequest, ConvertedOpenAIChatRequest, EncodeOpenAICompletionsOptions, string> = {
  kind: 'generation',
  name: 'completions',
  renderError: renderOpenAIError,
  parse: ({ body }) => parseOpenAICompletionsRequest(body),
  model: (request) => request.model,
  tools: () => noTools,
  convert: (request, target, signatures) => convertOpenAICompletionsToGemini(request, { target, signatures }),
  stream: (request) => request.stream === true,
  sessionKey: (request) => deriveSessionKey({ explicit: request.user ?? undefined, system: '', firstUserText: completionPrompt(request) }),
  createId: () => `cmpl-${randomHex(16)}`,
  answerOptions: (request, converted, _target, ids) => ({
    id: ids.id,
    model: request.model,
    created: ids.created,
    ...(request.echo === true ? { echoPrompt: completionPrompt(request) } : {}),
    includeUsage: request.stream_options?.include_usage === true,
    sourcesAsText: showsSourcesAsText(converted.request),
  }),
  encodeStream: encodeOpenAICompletionsStream,
  httpStream: (_request, frames) => ({ frames }),
  collect: collectOpenAICompletion,
};
