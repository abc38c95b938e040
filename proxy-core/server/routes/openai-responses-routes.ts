/**
 * OpenAI Responses (`/v1/responses`, and `/responses` for clients whose base URL lacks `/v1`)
 * and legacy Completions (`/v1/completions`). Responses chained with `previous_response_id` come
 * from a bounded in-memory store created here, one per app.
 */
import { randomHex } from '../../util/random-hex.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { deriveSessionKey } from '../../canonical/derive-session-key.js';
import { collectOpenAICompletion } from '../../protocols/openai/completions/collect-openai-completion.js';
import { convertOpenAICompletionsToGemini } from '../../protocols/openai/completions/convert-openai-completions-to-gemini.js';
import { encodeOpenAICompletionsStream } from '../../protocols/openai/completions/encode-openai-completions-stream.js';
import { parseOpenAICompletionsRequest } from '../../protocols/openai/completions/openai-completions-request-schema.js';
import { collectOpenAIResponsesResponse } from '../../protocols/openai/responses/collect-openai-responses-response.js';
import { convertOpenAIResponsesToGemini } from '../../protocols/openai/responses/convert-openai-responses-to-gemini.js';
import { showsSourcesAsText } from '../../protocols/shared/format-grounding-sources.js';
import { locateOpenAIResponsesInput, type LocatedResponsesItem } from '../../protocols/openai/responses/convert-openai-responses-input.js';
import type { OpenAIResponsesOutputOptions, OpenAIResponsesResult } from '../../protocols/openai/responses/create-openai-responses-output.js';
import { createResponseStore, type ResponseStore } from '../../protocols/openai/responses/create-response-store.js';
import { encodeOpenAIResponsesStream, formatOpenAIResponsesFrame } from '../../protocols/openai/responses/encode-openai-responses-stream.js';
import {
  parseOpenAIResponsesInputItem,
  parseOpenAIResponsesRequest,
  type OpenAIResponsesInputItem,
  type OpenAIResponsesRequest,
} from '../../protocols/openai/responses/openai-responses-request-schema.js';
import type { GatewayContext } from '../gateway-context.js';
import { resolveRequestModel } from '../resolve-request-model.js';
import { recordConversionWarnings } from '../record-conversion-warnings.js';
import type { AiExchange, AiRouteTable } from '../ai-route-table.js';
import { sendJson } from '../send-json.js';
import { runForResponse } from '../run-for-response.js';
import { writeSseResponse } from '../write-sse-response.js';

const createId = (prefix: string) => `${prefix}_${randomHex(16)}`;

export function registerOpenAIResponsesRoutes(
  aiRoutes: AiRouteTable,
  context: GatewayContext,
  store: ResponseStore = createResponseStore({ now: context.now }),
): void {
  async function createResponse({ body: input, response }: AiExchange): Promise<void> {
    const body = parseOpenAIResponsesRequest(input);
    const previous = body.previous_response_id == null ? undefined : store.get(body.previous_response_id);
    if (body.previous_response_id != null && previous === undefined) {
      throw new GatewayError(
        'not_found',
        `Previous response with id '${body.previous_response_id}' not found. Skyport keeps stored responses in memory for 2 hours; send the conversation as input instead.`,
        { param: 'previous_response_id', code: 'previous_response_not_found' },
      );
    }
    const resolved = resolveRequestModel(context, response, body.model);
    const items: LocatedResponsesItem[] = [
      ...(previous?.items ?? []).map((item, index) => ({ item, path: `previous_response_id (item ${index})` })),
      ...locateOpenAIResponsesInput(body.input),
    ];
    const converted = convertOpenAIResponsesToGemini(body, items, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'responses', converted.warnings);
    const sessionKey = previous?.sessionKey ?? deriveOpenAIResponsesSessionKey(body, items);
    const { result, abort } = await runForResponse(context, response, { upstreamModel: converted.upstreamModel, request: converted.request, sessionKey });

    const id = createId('resp');
    const options: OpenAIResponsesOutputOptions = {
      response: echoRequest(body, id, Math.floor(context.now() / 1000)),
      toolTargets: converted.toolTargets,
      family: converted.family,
      includeEncryptedContent: body.include?.includes('reasoning.encrypted_content') === true,
      createItemId: createId,
      sourcesAsText: showsSourcesAsText(converted.request),
    };
    const save = ({ storedOutput }: OpenAIResponsesResult) => {
      if (body.store === false) return;
      const output = storedOutput.flatMap((item) => parseOpenAIResponsesInputItem(item) ?? []);
      store.save({ id, items: [...items.map(({ item }) => item), ...output], sessionKey });
    };
    if (body.stream === true) {
      const events = encodeOpenAIResponsesStream(result.events, { ...options, onResult: save });
      await writeSseResponse(response, mapAsync(events, formatOpenAIResponsesFrame), { abort });
      return;
    }
    const collected = await collectOpenAIResponsesResponse(result.events, options);
    save(collected);
    sendJson(response, 200, collected.response);
  }

  aiRoutes.post('/v1/responses', createResponse);
  aiRoutes.post('/responses', createResponse);

  aiRoutes.post('/v1/completions', async ({ body: input, response }) => {
    const body = parseOpenAICompletionsRequest(input);
    const resolved = resolveRequestModel(context, response, body.model);
    const converted = convertOpenAICompletionsToGemini(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'completions', converted.warnings);
    const prompt = typeof body.prompt === 'string' ? body.prompt : (body.prompt[0] ?? '');
    const { result, abort } = await runForResponse(context, response, {
      upstreamModel: converted.upstreamModel,
      request: converted.request,
      sessionKey: deriveSessionKey({ explicit: body.user ?? undefined, system: '', firstUserText: prompt }),
    });
    const options = {
      id: `cmpl-${randomHex(16)}`,
      model: body.model,
      created: Math.floor(context.now() / 1000),
      ...(body.echo === true ? { echoPrompt: prompt } : {}),
      sourcesAsText: showsSourcesAsText(converted.request),
    };
    if (body.stream === true) {
      const frames = encodeOpenAICompletionsStream(result.events, { ...options, includeUsage: body.stream_options?.include_usage === true });
      await writeSseResponse(response, frames, { abort });
      return;
    }
    sendJson(response, 200, await collectOpenAICompletion(result.events, options));
  });
}

/** Codex sends its session id as `prompt_cache_key`; otherwise the conversation's opening. */
export function deriveOpenAIResponsesSessionKey(body: OpenAIResponsesRequest, items: readonly LocatedResponsesItem[]): string {
  const messages = items.flatMap(({ item }) => (item.type === 'message' ? [item] : []));
  const textOf = (item: Extract<OpenAIResponsesInputItem, { type: 'message' }>) =>
    typeof item.content === 'string' ? item.content : item.content.map((part) => ('text' in part ? part.text : '')).join('');
  const system = messages.filter((item) => item.role === 'system' || item.role === 'developer').map(textOf);
  const firstUser = messages.find((item) => item.role === 'user');
  return deriveSessionKey({
    explicit: body.prompt_cache_key ?? body.user ?? undefined,
    system: [body.instructions ?? '', ...system].join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser),
  });
}

/** The `response` fields that repeat the request (openai-node `Response`). */
function echoRequest(body: OpenAIResponsesRequest, id: string, createdAt: number): OpenAIResponsesOutputOptions['response'] {
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

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield map(value);
}
