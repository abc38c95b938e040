/**
 * What the gateway answers on `/v1/responses`: the `response` object and its output items
 * (https://platform.openai.com/docs/api-reference/responses/object) and the streaming events
 * (https://platform.openai.com/docs/api-reference/responses-streaming), as typed in openai-node
 * `src/resources/responses/responses.ts`. Built here, never parsed, so plain types.
 */
export type OpenAIResponsesItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OpenAIResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: [];
}

export interface OpenAIResponsesMessageItem {
  type: 'message';
  id: string;
  status: OpenAIResponsesItemStatus;
  role: 'assistant';
  content: OpenAIResponsesOutputText[];
}

export interface OpenAIResponsesReasoningItem {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  /** Only when the client asked for `include: ["reasoning.encrypted_content"]`. */
  encrypted_content?: string;
}

export interface OpenAIResponsesFunctionCallItem {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  /** Set for a function of a `namespace` tool. */
  namespace?: string;
  arguments: string;
  status: OpenAIResponsesItemStatus;
}

export interface OpenAIResponsesCustomToolCallItem {
  type: 'custom_tool_call';
  id: string;
  call_id: string;
  name: string;
  namespace?: string;
  input: string;
  status: OpenAIResponsesItemStatus;
}

export interface OpenAIResponsesLocalShellCallItem {
  type: 'local_shell_call';
  id: string;
  call_id: string;
  action: {
    type: 'exec';
    command: string[];
    env: Record<string, string>;
    working_directory?: string;
    timeout_ms?: number;
  };
  status: OpenAIResponsesItemStatus;
}

export type OpenAIResponsesOutputItem =
  | OpenAIResponsesMessageItem
  | OpenAIResponsesReasoningItem
  | OpenAIResponsesFunctionCallItem
  | OpenAIResponsesCustomToolCallItem
  | OpenAIResponsesLocalShellCallItem;

export interface OpenAIResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type OpenAIResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface OpenAIResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: OpenAIResponsesStatus;
  /** `code` is one of OpenAI's `ResponseError` codes. */
  error: { code: 'server_error' | 'rate_limit_exceeded'; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  metadata: Record<string, string>;
  model: string;
  output: OpenAIResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: { format: Record<string, unknown> };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: 'auto' | 'disabled';
  usage: OpenAIResponsesUsage | null;
  user?: string;
}

type ItemEvent = { item_id: string; output_index: number };

/** Every event of the stream; `sequence_number` is added by the stream encoder. */
export type OpenAIResponsesStreamEvent =
  | { type: 'response.created' | 'response.in_progress' | 'response.completed' | 'response.incomplete' | 'response.failed'; response: OpenAIResponsesResponse }
  | { type: 'response.output_item.added' | 'response.output_item.done'; output_index: number; item: OpenAIResponsesOutputItem }
  | ({ type: 'response.content_part.added' | 'response.content_part.done'; content_index: number; part: OpenAIResponsesOutputText } & ItemEvent)
  | ({ type: 'response.output_text.delta'; content_index: number; delta: string; logprobs: [] } & ItemEvent)
  | ({ type: 'response.output_text.done'; content_index: number; text: string; logprobs: [] } & ItemEvent)
  | ({ type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done'; summary_index: number; part: { type: 'summary_text'; text: string } } & ItemEvent)
  | ({ type: 'response.reasoning_summary_text.delta'; summary_index: number; delta: string } & ItemEvent)
  | ({ type: 'response.reasoning_summary_text.done'; summary_index: number; text: string } & ItemEvent)
  | ({ type: 'response.function_call_arguments.delta'; delta: string } & ItemEvent)
  | ({ type: 'response.function_call_arguments.done'; name: string; arguments: string } & ItemEvent)
  | ({ type: 'response.custom_tool_call_input.delta'; delta: string } & ItemEvent)
  | ({ type: 'response.custom_tool_call_input.done'; input: string } & ItemEvent);

export type OpenAIResponsesSequencedEvent = OpenAIResponsesStreamEvent & { sequence_number: number };
