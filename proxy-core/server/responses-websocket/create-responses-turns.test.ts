import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../canonical/generation-event.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { GenerationRequest } from '../../execution/run-generation.js';
import type { Logger } from '../../logging/logger.js';
import type { CompletedRequest } from '../../monitor/completed-request.js';
import { createResponseStore } from '../../protocols/openai/responses/create-response-store.js';
import { createOpenAIResponsesAdapter } from '../../protocols/openai/responses/openai-responses-adapter.js';
import { createSignatureCache } from '../../signatures/signature-cache.js';
import { createResponsesTurns } from './create-responses-turns.js';
import { TurnRefused } from './responses-socket-session.js';

const usage = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 5 };

async function* answer(): AsyncGenerator<GenerationEvent> {
  yield { type: 'start', responseId: 'r1', modelVersion: 'gemini-3-flash' };
  yield { type: 'text-delta', text: 'Hello' };
  yield { type: 'finish', reason: 'stop', usage };
}

function world(options: { refuse?: GatewayError; captureBodies?: boolean } = {}) {
  const completed: CompletedRequest[] = [];
  const lines: string[] = [];
  const calls: GenerationRequest[] = [];
  const logger: Logger = { debug() {}, info: (line) => lines.push(line), warn() {}, error: (line) => lines.push(line) };
  const turnsFor = createResponsesTurns({
    context: {
      settings: () => ({ proxy: { custom_mapping: {} } }),
      accounts: () => [],
      async runGeneration(input) {
        calls.push(input);
        input.onEvent?.({ type: 'finish', reason: 'stop', usage });
        return { accountEmail: 'a@example.com', events: answer(), attempts: [] };
      },
      countTokens: async () => 0,
      signatures: createSignatureCache(),
      logger,
      now: () => 1_700_000_000_000,
    },
    adapter: createOpenAIResponsesAdapter(createResponseStore()),
    guards: {
      checkTurn(_origin, state) {
        if (state !== undefined) state.clientKey = { name: 'team', models: [] };
        return options.refuse;
      },
    },
    requestContext: { logger, now: () => 1_700_000_000_000, onComplete: (request) => completed.push(request) },
    capture: () => ({ enabled: options.captureBodies === true, maxBytes: 64 * 1024 }),
    logger,
  });
  const runTurn = turnsFor({ authorization: 'Bearer sk-secret-key-value-0123456789' }, '192.168.1.20');
  return { runTurn, completed, lines, calls };
}

async function collect(turn: AsyncIterable<string>): Promise<Array<{ type: string }>> {
  const events: Array<{ type: string }> = [];
  for await (const text of turn) events.push(JSON.parse(text) as { type: string });
  return events;
}

describe('createResponsesTurns', () => {
  it('streams a turn as JSON events and records it as one POST /v1/responses from the socket client', async () => {
    const { runTurn, completed, lines, calls } = world({ captureBodies: true });
    const events = await collect(runTurn({ model: 'gemini-3-flash', input: 'Say hi', stream: true }, new AbortController().signal));
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(calls.map((call) => call.upstreamModel)).toEqual(['gemini-3-flash']);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      method: 'POST',
      path: '/v1/responses',
      status: 200,
      clientIp: '192.168.1.20',
      finished: true,
      contentType: 'text/event-stream',
      state: { model: 'gemini-3-flash', mappedModel: 'gemini-3-flash', accountEmail: 'a@example.com', stream: true, clientKey: { name: 'team' }, usage },
    });
    const capture = completed[0]?.state.capture;
    expect(capture?.requestHeaders.authorization).toBe('[redacted]');
    expect(capture?.requestBody).toEqual({ model: 'gemini-3-flash', input: 'Say hi', stream: true });
    expect(Buffer.concat(capture?.responseChunks ?? []).toString()).toContain('"type":"response.completed"');
    expect(lines.some((line) => line.startsWith('POST /v1/responses 200') && line.includes('model=gemini-3-flash'))).toBe(true);
  });

  it('answers a refused turn with its status and OpenAI error, records it, and calls no model', async () => {
    const refusal = new GatewayError('rate_limit', 'Key "team" is over its 2 requests per minute.', { code: 'key_rate_limited' });
    const { runTurn, completed, calls } = world({ refuse: refusal });
    const error = await collect(runTurn({ model: 'gemini-3-flash', input: 'x', stream: true }, new AbortController().signal)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TurnRefused);
    expect(error).toMatchObject({ status: 429, error: { type: 'rate_limit_error', code: 'key_rate_limited', message: refusal.message } });
    expect(calls).toHaveLength(0);
    expect(completed[0]).toMatchObject({ status: 429, finished: true, state: { errorMessage: refusal.message } });
  });

  it('refuses a bad body the way the HTTP endpoint does (400, param named)', async () => {
    const { runTurn, completed } = world();
    const error = await collect(runTurn({ input: 'no model', stream: true }, new AbortController().signal)).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, error: { type: 'invalid_request_error', param: 'model' } });
    expect(completed[0]?.status).toBe(400);
  });

  it('records a turn the client left before its end as not finished', async () => {
    const { runTurn, completed } = world();
    for await (const text of runTurn({ model: 'gemini-3-flash', input: 'x', stream: true }, new AbortController().signal)) {
      expect(JSON.parse(text)).toMatchObject({ type: 'response.created' });
      break;
    }
    expect(completed[0]).toMatchObject({ status: 200, finished: false, headersSent: true });
  });
});
