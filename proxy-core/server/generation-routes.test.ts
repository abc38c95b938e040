import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { renderAnthropicError } from '../protocols/anthropic/render-anthropic-error.js';
import type { EndpointAdapter } from '../protocols/endpoint-adapter.js';
import { renderGeminiError } from '../protocols/gemini/render-gemini-error.js';
import { createResponseStore } from '../protocols/openai/responses/create-response-store.js';
import { createOpenAIResponsesAdapter } from '../protocols/openai/responses/openai-responses-adapter.js';
import { renderOpenAIError } from '../protocols/openai/render-openai-error.js';
import { detectClientProtocol } from './client-protocol.js';
import { generationRoutes, type GenerationRoute } from './generation-routes.js';

const routes = generationRoutes({ answerClaudeCodeWarmup: () => false, responses: createOpenAIResponsesAdapter(createResponseStore()) });
const adapterOf = (route: GenerationRoute, params: Record<string, string> = {}): EndpointAdapter =>
  typeof route.adapter === 'function' ? route.adapter(params) : route.adapter;
const gemini = routes.find((route) => route.path === '/v1beta/models/:modelAndMethod') as GenerationRoute;

describe('generationRoutes', () => {
  it("renders each endpoint's errors in the shape its path answers in", () => {
    const renderers = { openai: renderOpenAIError, anthropic: renderAnthropicError, gemini: renderGeminiError, admin: renderOpenAIError };
    const error = new GatewayError('rate_limit', 'Slow down.', { retryAfterSeconds: 3 });
    for (const route of routes) {
      const adapter = adapterOf(route, { modelAndMethod: 'gemini-3-flash:generateContent' });
      expect(adapter.renderError(error), route.path).toEqual(renderers[detectClientProtocol(route.path)](error));
    }
  });

  it("picks the Gemini API's adapter by the path's method", () => {
    const generate = adapterOf(gemini, { modelAndMethod: 'gemini-3-flash:generateContent' });
    const stream = adapterOf(gemini, { modelAndMethod: 'gemini-3-flash:streamGenerateContent' });
    const input = (method: string) => ({
      body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
      params: { modelAndMethod: `gemini-3-flash:${method}` },
      searchParams: new URLSearchParams('alt=sse'),
    });
    expect(generate.kind === 'generation' && generate.stream(generate.parse(input('generateContent')))).toBe(false);
    expect(stream.kind === 'generation' && stream.stream(stream.parse(input('streamGenerateContent')))).toBe(true);
    expect(stream.parse(input('streamGenerateContent'))).toMatchObject({ model: 'gemini-3-flash', sse: true });
    expect(adapterOf(gemini, { modelAndMethod: 'gemini-3-flash:countTokens' }).kind).toBe('count_tokens');
    expect(() => adapterOf(gemini, { modelAndMethod: 'gemini-3-flash:embedContent' })).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => adapterOf(gemini, { modelAndMethod: 'gemini-3-flash' })).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
  });

  it('lists the Gemini methods for the 404 hints, and every other route by its own path', () => {
    expect(routes.flatMap((route) => route.catalogPaths ?? [route.path])).toEqual([
      '/v1/chat/completions',
      '/v1/messages',
      '/v1/messages/count_tokens',
      '/v1/responses',
      '/responses',
      '/v1/completions',
      '/v1beta/models/:model:generateContent',
      '/v1beta/models/:model:streamGenerateContent',
      '/v1beta/models/:model:countTokens',
    ]);
  });
});
