/**
 * Which logged requests are AI requests (a model generates or counts tokens) and which are
 * lookups (model lists, `/v1/models/detect`, unknown routes, client telemetry). Usage totals,
 * error rates and the Dashboard's "Today" count AI requests unless asked to include lookups: a
 * user who sent ten prompts should not read "25 requests, 40% errors" because a client probed
 * `/v1/models` and a few wrong paths.
 */
export type RequestKind = 'ai' | 'lookup';

/** Every route that calls a model (the Gemini native routes are `/v1beta/models/<model>:<method>`). */
export const aiRequestPaths: readonly string[] = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/responses',
  '/responses',
  '/v1/messages',
  '/v1/messages/count_tokens',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/audio/transcriptions',
  // The gateway's own warm-up calls (warmup/warm-up-accounts.ts, protocol `warmup`): they spend quota like a client's.
  '/warmup',
];

const geminiMethodPath = /^\/v1beta\/models\/[^/]+:(?:generateContent|streamGenerateContent|countTokens)$/;

export function classifyRequestKind(request: { method: string; path: string }): RequestKind {
  if (request.method !== 'POST') return 'lookup';
  return aiRequestPaths.includes(request.path) || geminiMethodPath.test(request.path) ? 'ai' : 'lookup';
}

/** The same test as SQL over `request_logs` (GLOB is case-sensitive, like the routes). */
const geminiMethods = ['generateContent', 'streamGenerateContent', 'countTokens'];
export const aiRequestSql = [
  `(method = 'POST' AND (path IN (${aiRequestPaths.map((path) => `'${path}'`).join(', ')})`,
  ` OR ((${geminiMethods.map((method) => `path GLOB '/v1beta/models/*:${method}'`).join(' OR ')}) AND path NOT GLOB '/v1beta/models/*/*')))`,
].join('');
