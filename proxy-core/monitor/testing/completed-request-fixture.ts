/** Finished exchanges for the monitor's tests: what request-context.ts hands to the request log. */
import type { CompletedRequest, RequestState } from '../completed-request.js';

let counter = 0;

export function completedRequest(
  overrides: Partial<Omit<CompletedRequest, 'state'>> & { state?: Partial<RequestState> } = {},
): CompletedRequest {
  counter += 1;
  const { state, ...rest } = overrides;
  const startedAt = state?.startedAt ?? 1_700_000_000_000 + counter;
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    status: 200,
    endedAt: startedAt + 120,
    clientIp: '::ffff:127.0.0.1',
    finished: true,
    headersSent: true,
    contentType: 'application/json; charset=utf-8',
    ...rest,
    state: {
      requestId: `req_test${String(counter).padStart(6, '0')}`,
      startedAt,
      protocol: 'openai',
      model: 'gpt-4o',
      mappedModel: 'gemini-3-flash',
      accountEmail: 'a@example.com',
      attempts: [{ accountEmail: 'a@example.com', outcome: 'ok', waitedMs: 0, skipped: [] }],
      firstByteAt: startedAt + 40,
      usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, reasoningTokens: 1, totalTokens: 15 },
      ...state,
    },
  };
}
