/** Render a GatewayError in the protocol of the request, the one way errors leave the server. */
import type { Response } from 'express';
import type { GatewayError } from '../errors/gateway-error.js';
import { renderAnthropicError } from '../protocols/anthropic/render-anthropic-error.js';
import { renderGeminiError } from '../protocols/gemini/render-gemini-error.js';
import { renderOpenAIError } from '../protocols/openai/render-openai-error.js';
import type { ClientProtocol } from './client-protocol.js';
import { requestState } from './request-state.js';

const renderers: Record<ClientProtocol, (error: GatewayError) => { status: number; headers: Record<string, string>; body: unknown }> = {
  openai: renderOpenAIError,
  anthropic: renderAnthropicError,
  gemini: renderGeminiError,
  admin: renderOpenAIError,
};

export function sendGatewayError(response: Response, error: GatewayError): void {
  const state = requestState(response);
  state.errorMessage = error.message;
  if (response.headersSent) {
    response.end();
    return;
  }
  const rendered = renderers[state.protocol](error);
  response.status(rendered.status).set(rendered.headers).json(rendered.body);
}
