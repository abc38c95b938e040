/**
 * Anthropic-compatible routes (https://docs.anthropic.com/en/api/messages): `/v1/messages`,
 * `/v1/messages/count_tokens`, and the telemetry endpoint Claude Code may post to, answered here
 * and never forwarded. Claude Code's `?beta=true` and `anthropic-beta` headers need nothing: the
 * beta fields they unlock are read or dropped by the request converter.
 */
import { randomHex } from '../../util/random-hex.js';
import type { ServerResponse } from 'node:http';
import type { Router } from 'express';
import { deriveSessionKey } from '../../canonical/derive-session-key.js';
import { parseAnthropicMessagesRequest, type AnthropicMessagesRequest } from '../../protocols/anthropic/messages/anthropic-messages-request-schema.js';
import { collectAnthropicMessage } from '../../protocols/anthropic/messages/collect-anthropic-message.js';
import { convertAnthropicMessagesToGemini } from '../../protocols/anthropic/messages/convert-anthropic-messages-to-gemini.js';
import { convertAnthropicSystemPrompt } from '../../protocols/anthropic/messages/convert-anthropic-system-prompt.js';
import { anthropicPingFrame, encodeAnthropicMessagesStream } from '../../protocols/anthropic/messages/encode-anthropic-messages-stream.js';
import { foldRequestForTokenCount } from '../../protocols/shared/fold-request-for-token-count.js';
import { showsSourcesAsText } from '../../protocols/shared/format-grounding-sources.js';
import { answerClaudeCodeWarmup, isClaudeCodeWarmup, localWarmupModel } from '../../protocols/anthropic/messages/is-claude-code-warmup.js';
import { emptyUsage } from '../../canonical/generation-event.js';
import { LightAbortController } from '../../util/light-abort-controller.js';
import type { GatewayContext } from '../gateway-context.js';
import { requestState } from '../request-state.js';
import { announceMappedModel, resolveRequestModel } from '../resolve-request-model.js';
import { recordConversionWarnings } from '../record-conversion-warnings.js';
import type { RouteCatalog } from '../route-catalog.js';
import type { AiRouteTable } from '../ai-route-table.js';
import { sendJson } from '../send-json.js';
import { runForResponse } from '../run-for-response.js';
import { writeSseResponse } from '../write-sse-response.js';

function textOf(content: AnthropicMessagesRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/**
 * `metadata.user_id` names the conversation (Claude Code puts its session id in it); without it,
 * the system prompt as sent upstream (Claude Code's per-request billing block is not part of it)
 * and the first user message do.
 */
export function deriveAnthropicSessionKey(request: AnthropicMessagesRequest): string {
  const firstUser = request.messages.find((message) => message.role === 'user');
  return deriveSessionKey({
    explicit: request.metadata?.user_id ?? undefined,
    system: convertAnthropicSystemPrompt(request.system, 'system', []).map((part) => part.text).join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.content),
  });
}

export function registerAnthropicRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext, aiRoutes: AiRouteTable): void {
  aiRoutes.post('/v1/messages', async ({ body: input, response }) => {
    const body = parseAnthropicMessagesRequest(input);
    if (context.settings().proxy.answer_claude_code_warmup && isClaudeCodeWarmup(body)) {
      await answerWarmupLocally(body, response);
      return;
    }
    const resolved = resolveRequestModel(context, response, body.model);
    const converted = convertAnthropicMessagesToGemini(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'messages', converted.warnings);
    const { result, abort } = await runForResponse(context, response, {
      upstreamModel: converted.upstreamModel,
      request: converted.request,
      sessionKey: deriveAnthropicSessionKey(body),
    });
    const options = {
      id: `msg_${randomHex(16)}`,
      model: body.model,
      toolNames: converted.toolNames,
      stopSequences: body.stop_sequences ?? [],
      sourcesAsText: showsSourcesAsText(converted.request),
    };
    if (body.stream === true) {
      await writeSseResponse(response, encodeAnthropicMessagesStream(result.events, options), { abort, heartbeatFrame: anthropicPingFrame });
      return;
    }
    sendJson(response, 200, await collectAnthropicMessage(result.events, options));
  });

  /** Claude Code's "Warmup" probe, answered here: no account, no upstream call, no quota. */
  async function answerWarmupLocally(body: AnthropicMessagesRequest, response: ServerResponse): Promise<void> {
    const state = requestState(response);
    state.model = body.model;
    announceMappedModel(response, localWarmupModel);
    state.usage = emptyUsage;
    state.firstByteAt = context.now();
    // Nothing was searched: there are no sources to show.
    const options = { id: `msg_${randomHex(16)}`, model: body.model, toolNames: new Map<string, string>(), stopSequences: [], sourcesAsText: false };
    if (body.stream === true) {
      await writeSseResponse(response, encodeAnthropicMessagesStream(answerClaudeCodeWarmup(body.model), options), { abort: new LightAbortController() });
      return;
    }
    sendJson(response, 200, await collectAnthropicMessage(answerClaudeCodeWarmup(body.model), options));
  }

  aiRoutes.post('/v1/messages/count_tokens', async ({ body: input, response }) => {
    const body = parseAnthropicMessagesRequest(input);
    const resolved = resolveRequestModel(context, response, body.model);
    const converted = convertAnthropicMessagesToGemini(body, { upstreamModel: resolved.model, signatures: context.signatures, webSearch: resolved.webSearch });
    recordConversionWarnings(context.logger, response, 'count_tokens', converted.warnings);
    announceMappedModel(response, converted.upstreamModel);
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    const inputTokens = await context.countTokens(converted.upstreamModel, foldRequestForTokenCount(converted.request), abort.signal);
    sendJson(response, 200, { input_tokens: inputTokens });
  });

  // Claude Code's telemetry (`/api/event_logging/batch`): accepted and dropped, never forwarded.
  router.post(['/v1/api/event_logging', '/v1/api/event_logging/*rest', '/api/event_logging', '/api/event_logging/*rest'], (_request, response) => {
    response.json({});
  });
  catalog.add('POST', '/v1/api/event_logging/batch');
}
