/**
 * What the gateway reads of an Anthropic Messages request
 * (https://docs.anthropic.com/en/api/messages), also the body of `/v1/messages/count_tokens`.
 * Loose: fields the upstream has no equivalent for (`context_management`, `service_tier`,
 * `container`, `mcp_servers`, `cache_control`, beta fields of newer clients) pass validation and
 * are dropped by the converter with a warning. Content blocks are checked strictly: a block of a
 * type Anthropic does not have is a 400, while Anthropic block types the upstream cannot carry
 * (server tool results, container uploads) are accepted and dropped by the converter.
 */
import { z } from 'zod';
import { parseRequestBody } from '../../shared/parse-request-body.js';

const base64SourceSchema = z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) });
const urlSourceSchema = z.looseObject({ type: z.literal('url'), url: z.string().min(1) });
const fileSourceSchema = z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) });

const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export type AnthropicTextBlock = z.infer<typeof textBlockSchema>;

const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64SourceSchema, urlSourceSchema, fileSourceSchema]),
});

const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    base64SourceSchema,
    z.looseObject({ type: z.literal('text'), media_type: z.string().nullish(), data: z.string() }),
    z.looseObject({
      type: z.literal('content'),
      content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlockSchema, imageBlockSchema]))]),
    }),
    urlSourceSchema,
    fileSourceSchema,
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
});

const searchResultBlockSchema = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlockSchema),
});

/** Blocks a tool result may hold (https://docs.anthropic.com/en/api/messages#body-messages-content). */
const toolResultContentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
  searchResultBlockSchema,
  z.looseObject({ type: z.enum(['tool_reference', 'mcp_tool_reference', 'browser_state']) }),
]);

/** Anthropic block types with no upstream equivalent: server-side tool traffic and files of Anthropic's own. */
export const droppedBlockTypes = [
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
  'mcp_tool_use',
  'mcp_tool_result',
  'advisor_tool_result',
] as const;

export const anthropicContentBlockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
  searchResultBlockSchema,
  z.looseObject({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string().min(1), input: z.record(z.string(), z.unknown()).nullish() }),
  z.looseObject({
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(toolResultContentBlockSchema)], { error: 'must be a string or an array of content blocks' }).nullish(),
    is_error: z.boolean().nullish(),
  }),
  z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().nullish() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  /** Context-management summary of the earlier conversation (compaction beta). */
  z.looseObject({ type: z.literal('compaction'), content: z.string().nullish() }),
  z.looseObject({ type: z.enum(droppedBlockTypes) }),
]);
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;
export type AnthropicToolResultContentBlock = z.infer<typeof toolResultContentBlockSchema>;

const contentSchema = z.union([z.string(), z.array(anthropicContentBlockSchema)], {
  error: 'must be a string or an array of content blocks',
});

export const anthropicMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('user'), content: contentSchema }),
  z.looseObject({ role: z.literal('assistant'), content: contentSchema }),
  /** System instructions at a position in the conversation (Claude Code's mid-conversation-system beta). */
  z.looseObject({
    role: z.literal('system'),
    content: z.union([z.string(), z.array(textBlockSchema)], { error: 'must be a string or an array of text blocks' }),
  }),
]);
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

const toolSchema = z.looseObject({
  name: z.string().min(1),
  /** Absent or `custom` for client tools; a dated type (`web_search_20250305`, `bash_20250124`) for server tools. */
  type: z.string().nullish(),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()).nullish(),
});
export type AnthropicTool = z.infer<typeof toolSchema>;

const parallel = { disable_parallel_tool_use: z.boolean().nullish() };
const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallel }),
  z.looseObject({ type: z.literal('any'), ...parallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
  z.looseObject({ type: z.literal('none') }),
]);
export type AnthropicToolChoice = z.infer<typeof toolChoiceSchema>;

/** `enabled` (with `budget_tokens`), `adaptive`, `disabled`; newer types are accepted and read as adaptive. */
const thinkingSchema = z.looseObject({ type: z.string().min(1), budget_tokens: z.number().int().min(0).nullish() });
export type AnthropicThinking = z.infer<typeof thinkingSchema>;

const outputFormatSchema = z.looseObject({ type: z.string().min(1), schema: z.record(z.string(), z.unknown()).nullish() });

export const anthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(anthropicMessageSchema).min(1),
  system: z.union([z.string(), z.array(textBlockSchema)], { error: 'must be a string or an array of text blocks' }).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().min(0).nullish(),
  thinking: thinkingSchema.nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  output_config: z.looseObject({ effort: z.string().nullish(), format: outputFormatSchema.nullish() }).nullish(),
  /** The older structured-outputs beta spelling of `output_config.format`. */
  output_format: outputFormatSchema.nullish(),
});
export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;

/** Top-level fields the converter reads; any other is reported as dropped. */
export const readRequestFields: ReadonlySet<string> = new Set(Object.keys(anthropicMessagesRequestSchema.shape));

/**
 * Untrusted JSON body -> typed request, or a GatewayError `invalid_request` naming the first
 * field at fault in Anthropic's dotted notation (`messages.0.content.1.type`).
 */
export function parseAnthropicMessagesRequest(body: unknown): AnthropicMessagesRequest {
  return parseRequestBody(anthropicMessagesRequestSchema, body, { pathStyle: 'dots' });
}
