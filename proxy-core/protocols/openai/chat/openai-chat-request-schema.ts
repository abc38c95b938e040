/**
 * What the gateway reads of an OpenAI Chat Completions request
 * (https://platform.openai.com/docs/api-reference/chat/create). Loose: fields we do not read
 * (logprobs, modalities, service_tier, ...) are accepted and ignored, like OpenAI-compatible
 * servers do, so a client built for a newer API version still works. Most optional fields are
 * `nullish` because SDKs and UIs commonly send `null` for "not set".
 */
import { z } from 'zod';
import { parseRequestBody } from '../../shared/parse-request-body.js';

const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

const imageUrlPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).nullish(),
  }),
});

const inputAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string().min(1), format: z.string().min(1) }),
});

const filePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
});

const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const openAIChatContentPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  imageUrlPartSchema,
  inputAudioPartSchema,
  filePartSchema,
  refusalPartSchema,
]);
export type OpenAIChatContentPart = z.infer<typeof openAIChatContentPartSchema>;

const contentSchema = z.union([z.string(), z.array(openAIChatContentPartSchema)], {
  error: 'must be a string or an array of content parts',
});

const toolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});
export type OpenAIChatToolCall = z.infer<typeof toolCallSchema>;

const systemMessageSchema = z.looseObject({ role: z.literal('system'), content: contentSchema, name: z.string().nullish() });
const developerMessageSchema = z.looseObject({ role: z.literal('developer'), content: contentSchema, name: z.string().nullish() });
const userMessageSchema = z.looseObject({ role: z.literal('user'), content: contentSchema, name: z.string().nullish() });

const assistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: contentSchema.nullish(),
  name: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  /** Deprecated single call of the `functions` era; paired with a `function` role message. */
  function_call: z.looseObject({ name: z.string().min(1), arguments: z.string() }).nullish(),
  /** Not in OpenAI's spec: DeepSeek's field, which many clients echo back with the history. */
  reasoning_content: z.string().nullish(),
});

const toolMessageSchema = z.looseObject({
  role: z.literal('tool'),
  content: contentSchema,
  tool_call_id: z.string().min(1),
});

const functionMessageSchema = z.looseObject({
  role: z.literal('function'),
  name: z.string().min(1),
  content: z.string().nullish(),
});

export const openAIChatMessageSchema = z.discriminatedUnion('role', [
  systemMessageSchema,
  developerMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
  functionMessageSchema,
]);
export type OpenAIChatMessage = z.infer<typeof openAIChatMessageSchema>;

const toolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});
export type OpenAIChatTool = z.infer<typeof toolSchema>;

const toolChoiceSchema = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
  ],
  { error: `must be "none", "auto", "required" or {"type":"function","function":{"name":...}}` },
);
export type OpenAIChatToolChoice = z.infer<typeof toolChoiceSchema>;

const responseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().min(1),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** Gemini accepts at most 5 stop sequences. */
export const maxStopSequences = 5;

export const openAIChatRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    messages: z.array(openAIChatMessageSchema).min(1),
    tools: z.array(toolSchema).nullish(),
    tool_choice: toolChoiceSchema.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    stop: z.union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings' }).nullish(),
    seed: z.number().int().nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    n: z.number().int().min(1).max(1, { error: 'n > 1 is not supported' }).nullish(),
    response_format: responseFormatSchema.nullish(),
    // OpenAI's search models take it; here any model searches with Google (shared/add-web-search.ts).
    web_search_options: z.looseObject({}).nullish(),
    reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
    user: z.string().nullish(),
    prompt_cache_key: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
  })
  .check((context) => {
    const stop = context.value.stop;
    if (Array.isArray(stop) && stop.length > maxStopSequences) {
      context.issues.push({
        code: 'custom',
        input: stop,
        path: ['stop'],
        message: `accepts at most ${maxStopSequences} sequences, got ${stop.length}`,
      });
    }
  });

export type OpenAIChatRequest = z.infer<typeof openAIChatRequestSchema>;

/**
 * Untrusted JSON body -> typed request, or a GatewayError `invalid_request` naming the first
 * field at fault in `param`.
 */
export function parseOpenAIChatRequest(body: unknown): OpenAIChatRequest {
  return parseRequestBody(openAIChatRequestSchema, body);
}
