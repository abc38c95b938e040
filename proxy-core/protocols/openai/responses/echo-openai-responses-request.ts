/** The `response` fields that repeat the request (openai-node `Response`), the same on every event of one response. */
import type { OpenAIResponsesOutputOptions } from './create-openai-responses-output.js';
import type { OpenAIResponsesRequest } from './openai-responses-request-schema.js';

export function echoOpenAIResponsesRequest(body: OpenAIResponsesRequest, id: string, createdAt: number): OpenAIResponsesOutputOptions['response'] {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    model: body.model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    store: body.store ?? true,
    temperature: body.temperature ?? null,
    text: { format: body.text?.format ?? { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? null,
    truncation: body.truncation ?? 'disabled',
    ...(body.user ? { user: body.user } : {}),
  };
}
