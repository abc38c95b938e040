/** Render a GatewayError in the protocol of the request, the one way errors leave the server. */
import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.js';
import { renderAnthropicError } from '../protocols/anthropic/render-anthropic-error.js';
import { renderGeminiError } from '../protocols/gemini/render-gemini-error.js';
import { renderOpenAIError } from '../protocols/openai/render-openai-error.js';
import type { ClientProtocol } from '../monitor/completed-request.js';
import { requestState } from './request-state.js';
import { sendJson } from './send-json.js';

const renderers: Record<ClientProtocol | 'warmup', (error: GatewayError) => { status: number; headers: Record<string, string>; body: unknown }> = {
  openai: renderOpenAIError,
  anthropic: renderAnthropicError,
  gemini: renderGeminiError,
  admin: renderOpenAIError,
  // Warm-ups are the gateway's own calls and never answer an HTTP client; listed so the table is whole.
  warmup: renderOpenAIError,
};

export function sendGatewayError(response: ServerResponse, error: GatewayError): void {
  const state = requestState(response);
  state.errorMessage = error.message;
  if (response.headersSent) {
    response.end();
    return;
  }
  const rendered = renderers[state.protocol](error);
  sendJson(response, rendered.status, rendered.body, rendered.headers);
}
