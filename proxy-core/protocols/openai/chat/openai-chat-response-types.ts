/**
 * What the gateway answers on `/v1/chat/completions`: the `chat.completion` object
 * (https://platform.openai.com/docs/api-reference/chat/object) and the `chat.completion.chunk`
 * stream object (https://platform.openai.com/docs/api-reference/chat-streaming). Built here,
 * never parsed, so plain types rather than schemas.
 */
import type { OpenAIChatFinishReason } from './map-openai-finish-reason.js';

export interface OpenAIChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

export interface OpenAIChatResponseToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      /** DeepSeek's field, which OpenAI-compatible clients read for reasoning. */
      reasoning_content?: string;
      tool_calls?: OpenAIChatResponseToolCall[];
      refusal: null;
    };
    logprobs: null;
    finish_reason: OpenAIChatFinishReason;
  }>;
  usage: OpenAIChatUsage;
}

export interface OpenAIChatChunkDelta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: Array<OpenAIChatResponseToolCall & { index: number }>;
}

export interface OpenAIChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{ index: number; delta: OpenAIChatChunkDelta; logprobs: null; finish_reason: OpenAIChatFinishReason | null }>;
  /** With `stream_options.include_usage`: null on every chunk but the last, which has no choices. */
  usage?: OpenAIChatUsage | null;
}
