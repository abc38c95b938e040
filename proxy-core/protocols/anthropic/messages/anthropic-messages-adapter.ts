/**
 * `POST /v1/messages` (https://docs.anthropic.com/en/api/messages) for the gateway's one
 * pipeline. Claude Code's `?beta=true` and `anthropic-beta` headers need nothing: the beta fields
 * they unlock are read or dropped by the converter. Claude Code's "Warmup" probe is answered here
 * when `proxy.answer_claude_code_warmup` is on (is-claude-code-warmup.ts).
 */
import type { AdapterBase, GenerationAdapter } from '../../endpoint-adapter.js';
import { randomHex } from '../../../util/random-hex.js';
import { showsSourcesAsText } from '../../shared/format-grounding-sources.js';
import { renderAnthropicError } from '../render-anthropic-error.js';
import { parseAnthropicMessagesRequest, type AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { collectAnthropicMessage } from './collect-anthropic-message.js';
import { convertAnthropicMessagesToGemini, type ConvertedAnthropicMessagesRequest } from './convert-anthropic-messages-to-gemini.js';
import { deriveAnthropicSessionKey } from './derive-anthropic-session-key.js';
import { anthropicPingFrame, encodeAnthropicMessagesStream, type EncodeAnthropicMessagesStreamOptions } from './encode-anthropic-messages-stream.js';
import { answerClaudeCodeWarmup, isClaudeCodeWarmup, localWarmupModel } from './is-claude-code-warmup.js';
import { readAnthropicToolTraits } from './read-anthropic-tool-traits.js';

/** Reading and converting a Messages body: the same for a message and for counting its tokens. */
export const anthropicMessagesRequestSteps: Pick<
  AdapterBase<AnthropicMessagesRequest, ConvertedAnthropicMessagesRequest>,
  'renderError' | 'parse' | 'model' | 'tools' | 'convert'
> = {
  renderError: renderAnthropicError,
  parse: ({ body }) => parseAnthropicMessagesRequest(body),
  model: (request) => request.model,
  tools: (request) => readAnthropicToolTraits(request.tools),
  convert: (request, target, signatures) => convertAnthropicMessagesToGemini(request, { target, signatures }),
};

export function createAnthropicMessagesAdapter(options: {
  /** `proxy.answer_claude_code_warmup`, read per request. */
  answerWarmup: () => boolean;
}): GenerationAdapter<AnthropicMessagesRequest, ConvertedAnthropicMessagesRequest, EncodeAnthropicMessagesStreamOptions, string> {
  return {
    kind: 'generation',
    name: 'messages',
    ...anthropicMessagesRequestSteps,
    stream: (request) => request.stream === true,
    sessionKey: deriveAnthropicSessionKey,
    createId: () => `msg_${randomHex(16)}`,
    answerLocally(request, ids) {
      if (!options.answerWarmup() || !isClaudeCodeWarmup(request)) return undefined;
      return {
        mappedModel: localWarmupModel,
        events: answerClaudeCodeWarmup(request.model),
        options: { id: ids().id, model: request.model, toolNames: new Map<string, string>(), stopSequences: [], sourcesAsText: false },
      };
    },
    answerOptions: (request, converted, _target, ids) => ({
      id: ids.id,
      model: request.model,
      toolNames: converted.toolNames,
      stopSequences: request.stop_sequences ?? [],
      sourcesAsText: showsSourcesAsText(converted.request),
    }),
    encodeStream: encodeAnthropicMessagesStream,
    // Anthropic clients expect a `ping` event while the answer is slow to come.
    httpStream: (_request, frames) => ({ frames, heartbeatFrame: anthropicPingFrame }),
    collect: collectAnthropicMessage,
  };
}
