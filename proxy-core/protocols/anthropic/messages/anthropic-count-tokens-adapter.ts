/** `POST /v1/messages/count_tokens` (https://docs.anthropic.com/en/api/messages-count-tokens): the message as it would be sent, counted upstream. */
import type { CountTokensAdapter } from '../../endpoint-adapter.js';
import type { AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { anthropicMessagesRequestSteps } from './anthropic-messages-adapter.js';
import type { ConvertedAnthropicMessagesRequest } from './convert-anthropic-messages-to-gemini.js';

export const anthropicCountTokensAdapter: CountTokensAdapter<AnthropicMessagesRequest, ConvertedAnthropicMessagesRequest> = {
  kind: 'count_tokens',
  name: 'count_tokens',
  ...anthropicMessagesRequestSteps,
  answer: (tokens) => ({ input_tokens: tokens }),
};
