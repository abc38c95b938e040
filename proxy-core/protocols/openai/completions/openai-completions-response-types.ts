/**
 * What the gateway answers on `/v1/completions`: `text_completion` objects
 * (https://platform.openai.com/docs/api-reference/completions/object), whole or streamed.
 */
import type { OpenAIChatFinishReason } from '../chat/map-openai-finish-reason.js';
import type { OpenAIChatUsage } from '../chat/openai-chat-response-types.js';

export interface OpenAICompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: Array<{ text: string; index: 0; logprobs: null; finish_reason: OpenAIChatFinishReason | null }>;
  /** On a stream: only on the usage chunk (with `stream_options.include_usage`), whose `choices` is empty. */
  usage?: OpenAIChatUsage;
}
