/**
 * The AI endpoints as a table: path -> adapter (protocols/endpoint-adapter.ts), each run through
 * the one pipeline (serve-generation.ts) and written out as JSON or as a stream. A new endpoint
 * is a new adapter folder and one row here. A path with a parameter may pick its adapter from it
 * (the Gemini API's `models/{model}:{method}`).
 */
import { createAnthropicMessagesAdapter } from '../protocols/anthropic/messages/anthropic-messages-adapter.js';
import { anthropicCountTokensAdapter } from '../protocols/anthropic/messages/anthropic-count-tokens-adapter.js';
import type { EndpointAdapter } from '../protocols/endpoint-adapter.js';
import { geminiNativeAdapterFor } from '../protocols/gemini/native/gemini-native-adapter.js';
import { geminiNativeMethods } from '../protocols/gemini/native/split-model-and-method.js';
import { openAIChatAdapter } from '../protocols/openai/chat/openai-chat-adapter.js';
import { openAICompletionsAdapter } from '../protocols/openai/completions/openai-completions-adapter.js';
import type { OpenAIResponsesAdapter } from '../protocols/openai/responses/openai-responses-adapter.js';
import type { AiExchange, AiRouteTable } from './ai-route-table.js';
import { abortOnClose, httpRequestRecord } from './http-request-record.js';
import { sendJson } from './send-json.js';
import { serveGeneration, type PipelineContext } from './serve-generation.js';
import { writeSseResponse } from './write-sse-response.js';

export interface GenerationRoute {
  path: string;
  adapter: EndpointAdapter | ((params: Readonly<Record<string, string>>) => EndpointAdapter);
  /** What the 404 hints list for this route (the path itself by default). */
  catalogPaths?: readonly string[];
}

export function generationRoutes(options: { answerClaudeCodeWarmup: () => boolean; responses: OpenAIResponsesAdapter }): GenerationRoute[] {
  return [
    { path: '/v1/chat/completions', adapter: openAIChatAdapter },
    { path: '/v1/messages', adapter: createAnthropicMessagesAdapter({ answerWarmup: options.answerClaudeCodeWarmup }) },
    { path: '/v1/messages/count_tokens', adapter: anthropicCountTokensAdapter },
    { path: '/v1/responses', adapter: options.responses },
    // For clients whose base URL lacks `/v1`.
    { path: '/responses', adapter: options.responses },
    { path: '/v1/completions', adapter: openAICompletionsAdapter },
    {
      path: '/v1beta/models/:modelAndMethod',
      adapter: geminiNativeAdapterFor,
      catalogPaths: geminiNativeMethods.map((method) => `/v1beta/models/:model:${method}`),
    },
  ];
}

export function registerGenerationRoutes(aiRoutes: AiRouteTable, context: PipelineContext, routes: readonly GenerationRoute[]): void {
  for (const route of routes) {
    aiRoutes.post(route.path, (exchange) => serveOverHttp(context, route, exchange), route.catalogPaths);
  }
}

async function serveOverHttp(context: PipelineContext, route: GenerationRoute, { response, body, params, searchParams }: AiExchange): Promise<void> {
  const adapter = typeof route.adapter === 'function' ? route.adapter(params) : route.adapter;
  const abort = abortOnClose(response);
  const answer = await serveGeneration(context, adapter, { body, params, searchParams, ...httpRequestRecord(response), signal: abort.signal });
  if (answer.type === 'json') {
    sendJson(response, 200, answer.body);
    return;
  }
  const { frames, heartbeatFrame, contentType } = answer.http;
  await writeSseResponse(response, frames, {
    abort,
    ...(heartbeatFrame === undefined ? {} : { heartbeatFrame }),
    ...(contentType === undefined ? {} : { contentType }),
  });
}
