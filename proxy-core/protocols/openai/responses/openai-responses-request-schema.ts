/**
 * What the gateway reads of an OpenAI Responses request
 * (https://platform.openai.com/docs/api-reference/responses/create; types of record: openai-node
 * `src/resources/responses/responses.ts`), as the OpenAI SDK and Codex CLI send it. Top-level
 * fields are loose (unknown ones are ignored, like OpenAI-compatible servers do). Input items are
 * strict: an item type the gateway cannot turn into history is a 400 naming it, never a silent
 * gap in the conversation. Tools are strict too, except OpenAI's hosted tools (web search, file
 * search, ...), which Codex always declares: they are accepted here and dropped by the converter.
 */
import { z } from 'zod';
import { parseRequestBody } from '../../shared/parse-request-body.js';

const inputTextSchema = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const inputImageSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
const inputFileSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
const outputTextSchema = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusalSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const contentPartSchema = z.discriminatedUnion('type', [inputTextSchema, inputImageSchema, inputFileSchema, outputTextSchema, refusalSchema], {
  error: 'must be a content part of type "input_text", "input_image", "input_file", "output_text" or "refusal"',
});
export type OpenAIResponsesContentPart = z.infer<typeof contentPartSchema>;

/** Tool outputs: a string, or content parts (text, images, files). */
const toolOutputSchema = z.union([z.string(), z.array(z.discriminatedUnion('type', [inputTextSchema, inputImageSchema, inputFileSchema]))], {
  error: 'must be a string or an array of input_text, input_image and input_file parts',
});
export type OpenAIResponsesToolOutput = z.infer<typeof toolOutputSchema>;

const messageItemSchema = z.looseObject({
  type: z.literal('message'),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(contentPartSchema)], { error: 'must be a string or an array of content parts' }),
  id: z.string().nullish(),
});

const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  namespace: z.string().nullish(),
  id: z.string().nullish(),
});

const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: toolOutputSchema,
  id: z.string().nullish(),
});

const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  summary: z.array(z.looseObject({ type: z.literal('summary_text'), text: z.string() })),
  content: z.array(z.looseObject({ type: z.literal('reasoning_text'), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
  id: z.string().nullish(),
});

const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
  namespace: z.string().nullish(),
  id: z.string().nullish(),
});

const customToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string().min(1),
  output: toolOutputSchema,
  id: z.string().nullish(),
});

const localShellCallItemSchema = z.looseObject({
  type: z.literal('local_shell_call'),
  call_id: z.string().min(1),
  action: z.looseObject({
    type: z.literal('exec'),
    command: z.array(z.string()).min(1),
    working_directory: z.string().nullish(),
    timeout_ms: z.number().int().nullish(),
    env: z.record(z.string(), z.string()).nullish(),
    user: z.string().nullish(),
  }),
  id: z.string().nullish(),
});

/** Its `id` is the id of the call it answers (openai-node `LocalShellCallOutput`); `call_id` is accepted too. */
const localShellCallOutputItemSchema = z.looseObject({
  type: z.literal('local_shell_call_output'),
  id: z.string().min(1),
  call_id: z.string().nullish(),
  output: z.string(),
});

/** Items of OpenAI's hosted tools (a history begun on OpenAI): accepted, and dropped by the converter. */
export const hostedItemTypes = [
  'web_search_call',
  'file_search_call',
  'image_generation_call',
  'code_interpreter_call',
  'computer_call',
  'computer_call_output',
  'mcp_call',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'tool_search_call',
  'tool_search_output',
  'compaction',
] as const;

export const supportedItemTypes = [
  'message',
  'function_call',
  'function_call_output',
  'reasoning',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'local_shell_call_output',
] as const;

export const openAIResponsesInputItemSchema = z.discriminatedUnion(
  'type',
  [
    messageItemSchema,
    functionCallItemSchema,
    functionCallOutputItemSchema,
    reasoningItemSchema,
    customToolCallItemSchema,
    customToolCallOutputItemSchema,
    localShellCallItemSchema,
    localShellCallOutputItemSchema,
    z.looseObject({ type: z.enum(hostedItemTypes) }),
  ],
  {
    error: `must be an item of type ${supportedItemTypes.map((type) => `"${type}"`).join(', ')}, or of one of OpenAI's hosted tools (other item types, such as item_reference, are not supported)`,
  },
);
export type OpenAIResponsesInputItem = z.infer<typeof openAIResponsesInputItemSchema>;

/** An easy input message (`{role, content}`) is a message item without `type` (openai-node `EasyInputMessage`). */
const inputItemSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) && !('type' in value) && 'role' in value ? { ...value, type: 'message' } : value),
  openAIResponsesInputItemSchema,
);

const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('text') }),
      z.looseObject({ type: z.literal('grammar'), syntax: z.string().nullish(), definition: z.string() }),
    ])
    .nullish(),
});

const namespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.discriminatedUnion('type', [functionToolSchema, customToolSchema])),
});

/** OpenAI's hosted tools: nothing upstream can run them, so they are dropped with a warning. */
export const hostedToolTypes = [
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'file_search',
  'computer',
  'computer_use',
  'computer_use_preview',
  'code_interpreter',
  'image_generation',
  'mcp',
  'tool_search',
  'shell',
  'apply_patch',
] as const;

export const openAIResponsesToolSchema = z.discriminatedUnion(
  'type',
  [
    functionToolSchema,
    customToolSchema,
    z.looseObject({ type: z.literal('local_shell') }),
    namespaceToolSchema,
    z.looseObject({ type: z.enum(hostedToolTypes) }),
  ],
  { error: 'must be a tool of type "function", "custom", "local_shell", "namespace" or one of OpenAI\'s hosted tools' },
);
export type OpenAIResponsesTool = z.infer<typeof openAIResponsesToolSchema>;

export const openAIResponsesToolChoiceSchema = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.enum(['function', 'custom']), name: z.string().min(1) }),
    z.looseObject({
      type: z.literal('allowed_tools'),
      mode: z.enum(['auto', 'required']),
      tools: z.array(z.looseObject({ type: z.string(), name: z.string().nullish() })),
    }),
    z.looseObject({ type: z.string() }),
  ],
  { error: 'must be "none", "auto", "required" or a tool choice object' },
);
export type OpenAIResponsesToolChoice = z.infer<typeof openAIResponsesToolChoiceSchema>;

const textFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
]);

export const openAIResponsesRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    instructions: z.string().nullish(),
    input: z.union([z.string(), z.array(inputItemSchema)], { error: 'must be a string or an array of input items' }).nullish(),
    tools: z.array(openAIResponsesToolSchema).nullish(),
    tool_choice: openAIResponsesToolChoiceSchema.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    max_output_tokens: z.number().int().min(1).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    reasoning: z
      .looseObject({
        effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
        summary: z.string().nullish(),
      })
      .nullish(),
    text: z.looseObject({ format: textFormatSchema.nullish() }).nullish(),
    previous_response_id: z.string().min(1).nullish(),
    store: z.boolean().nullish(),
    stream: z.boolean().nullish(),
    include: z.array(z.string()).nullish(),
    prompt_cache_key: z.string().nullish(),
    user: z.string().nullish(),
    safety_identifier: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    truncation: z.enum(['auto', 'disabled']).nullish(),
    background: z.boolean().nullish(),
    conversation: z.unknown().optional(),
    prompt: z.unknown().optional(),
  })
  .check((context) => {
    const { background, conversation, prompt } = context.value;
    const unsupported = (path: string, message: string) => context.issues.push({ code: 'custom', input: context.value, path: [path], message });
    if (background === true) unsupported('background', 'background responses are not supported; leave it unset or false');
    if (conversation != null) unsupported('conversation', 'conversation objects are not supported; chain responses with previous_response_id');
    if (prompt != null) unsupported('prompt', 'prompt templates are not supported; send instructions and input');
  });

export type OpenAIResponsesRequest = z.infer<typeof openAIResponsesRequestSchema>;

/**
 * Untrusted JSON body -> typed request, or a GatewayError `invalid_request` naming the first
 * field at fault in `param` (`input[3].type`).
 */
export function parseOpenAIResponsesRequest(body: unknown): OpenAIResponsesRequest {
  return parseRequestBody(openAIResponsesRequestSchema, body);
}

/**
 * An output item as the input item it becomes in the next turn (the store keeps items in the
 * shape clients send them); undefined for one that could not be sent back.
 */
export function parseOpenAIResponsesInputItem(item: unknown): OpenAIResponsesInputItem | undefined {
  const result = openAIResponsesInputItemSchema.safeParse(item);
  return result.success ? result.data : undefined;
}
