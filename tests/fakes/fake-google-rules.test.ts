/**
 * One test per rule in fake-google-rules/: the fake refuses what Google refuses, with Google's error
 * shape (google.rpc.Status 400 INVALID_ARGUMENT; for Claude the Anthropic error JSON inside the message),
 * and still accepts the request the rule's gateway helper would send instead.
 */
import { describe, expect, it } from 'vitest';
import { quotaExhaustedError, rateLimitError } from './fake-google-errors.js';
import { SignatureRegistry } from './fake-google-signatures.js';
import type { FakeReply } from './fake-google-types.js';
import { validateGenerateEnvelope } from './fake-google-validate.js';
import {
  CLAUDE_BUDGET_MINIMUM_MESSAGE,
  CLAUDE_FORCED_TOOL_MESSAGE,
  CLAUDE_TEMPERATURE_MESSAGE,
  CLAUDE_TOP_K_MESSAGE,
  CLAUDE_TOP_P_MESSAGE,
  CLAUDE_UNSIGNED_LOOP_MESSAGE,
} from './fake-google-rules/claude-thinking-rules.js';
import {
  CLAUDE_FIRST_MESSAGE_MESSAGE,
  CLAUDE_MISSING_TOOL_RESULT_MESSAGE,
  CLAUDE_UNEXPECTED_TOOL_RESULT_MESSAGE,
} from './fake-google-rules/claude-conversation-rules.js';
import { BUDGET_ZERO_MESSAGE, THINKING_LEVEL_MESSAGE } from './fake-google-rules/gemini-thinking-rules.js';
import { FUNCTION_RESPONSE_COUNT_MESSAGE } from './fake-google-rules/gemini-function-turn-rules.js';
import { CLAUDE_MAX_TOKENS_MESSAGE, GEMINI_OUTPUT_RANGE_MESSAGE } from './fake-google-rules/output-token-limits.js';
import { EMPTY_TEXT_MESSAGE } from './fake-google-rules/empty-text-rule.js';

const MODELS = ['gemini-3-flash', 'gemini-3-pro-high', 'gemini-3-pro-low', 'gemini-2.5-flash', 'gemini-2.5-pro', 'claude-sonnet-4-5', 'claude-sonnet-4-5-thinking', 'claude-opus-4-6-thinking'];

type Request = Record<string, unknown>;

function validate(model: string, request: Request, signatures = new SignatureRegistry()): ReturnType<typeof validateGenerateEnvelope> {
  const envelope = { project: 'p-1', model, requestId: 'agent-1', userAgent: 'antigravity', requestType: 'agent', request };
  return validateGenerateEnvelope(envelope, { knownModels: new Set(MODELS), signatures });
}

function expectAccepted(model: string, request: Request, signatures?: SignatureRegistry): void {
  const result = validate(model, request, signatures);
  expect('kind' in result ? result.body : 'accepted').toBe('accepted');
}

/** A Gemini-side refusal: 400 INVALID_ARGUMENT with exactly this message. */
function expectGoogleRefusal(model: string, request: Request, message: string): void {
  const result = validate(model, request);
  expect(result).toMatchObject({ kind: 'error', status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT', message } } });
}

/** A Claude refusal: 400 INVALID_ARGUMENT whose message is Anthropic's error JSON (§11). */
function expectClaudeRefusal(model: string, request: Request, message: string, signatures?: SignatureRegistry): void {
  const result = validate(model, request, signatures);
  expect(result).toMatchObject({ kind: 'error', status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT' } } });
  const inner = JSON.parse((result as { body: { error: { message: string } } }).body.error.message) as Record<string, unknown>;
  expect(inner).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message } });
  expect(inner.request_id).toMatch(/^req_vrtx_011[A-Za-z0-9]{21}$/);
}

const user = (text: string) => ({ role: 'user', parts: [{ text }] });
const weatherTools = [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] }];
const call = (id?: string) => ({ functionCall: { name: 'get_weather', args: { city: 'Paris' }, ...(id ? { id } : {}) } });
const result = (id?: string) => ({ functionResponse: { name: 'get_weather', response: { result: '21C' }, ...(id ? { id } : {}) } });
const claudeThinking = (budget: number, extra: Request = {}) => ({ maxOutputTokens: budget + 8192, thinkingConfig: { includeThoughts: true, thinkingBudget: budget }, ...extra });

describe('Claude with thinking on', () => {
  it('refuses a forced tool choice (mode ANY), with or without a named function, and accepts AUTO/VALIDATED', () => {
    const base = { contents: [user('Weather?')], tools: weatherTools, generationConfig: claudeThinking(2048) };
    expectClaudeRefusal('claude-sonnet-4-5-thinking', { ...base, toolConfig: { functionCallingConfig: { mode: 'ANY' } } }, CLAUDE_FORCED_TOOL_MESSAGE);
    expectClaudeRefusal(
      'claude-sonnet-4-5-thinking',
      { ...base, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } } },
      CLAUDE_FORCED_TOOL_MESSAGE,
    );
    expectAccepted('claude-sonnet-4-5-thinking', { ...base, toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } } });
    // Thinking off (what find-claude-thinking-conflict.ts makes the gateway send): the forced choice is fine.
    expectAccepted('claude-sonnet-4-5-thinking', { ...base, generationConfig: { maxOutputTokens: 4096 }, toolConfig: { functionCallingConfig: { mode: 'ANY' } } });
  });

  it('refuses a thinking budget under 1,024 and accepts 1,024', () => {
    expectClaudeRefusal('claude-sonnet-4-5-thinking', { contents: [user('hi')], generationConfig: claudeThinking(1023) }, CLAUDE_BUDGET_MINIMUM_MESSAGE);
    expectAccepted('claude-sonnet-4-5-thinking', { contents: [user('hi')], generationConfig: claudeThinking(1024) });
  });

  it('refuses a temperature other than 1, any top_k and a top_p under 0.95', () => {
    const contents = [user('hi')];
    expectClaudeRefusal('claude-opus-4-6-thinking', { contents, generationConfig: claudeThinking(4096, { temperature: 0.7 }) }, CLAUDE_TEMPERATURE_MESSAGE);
    expectClaudeRefusal('claude-opus-4-6-thinking', { contents, generationConfig: claudeThinking(4096, { topK: 40 }) }, CLAUDE_TOP_K_MESSAGE);
    expectClaudeRefusal('claude-opus-4-6-thinking', { contents, generationConfig: claudeThinking(4096, { topP: 0.9 }) }, CLAUDE_TOP_P_MESSAGE);
    expectAccepted('claude-opus-4-6-thinking', { contents, generationConfig: claudeThinking(4096, { temperature: 1, topP: 0.95 }) });
    // The same sampling without thinking is Claude's to take.
    expectAccepted('claude-sonnet-4-5', { contents, generationConfig: { temperature: 0.7, topK: 40, topP: 0.5 } });
  });

  it('refuses an open tool loop whose assistant turn does not start with signed thinking', () => {
    const signatures = new SignatureRegistry();
    const signature = signatures.issue('claude-sonnet-4-5-thinking', 'Look it up.');
    const request = (modelParts: unknown[], after: unknown[] = []) => ({
      contents: [user('Weather in Paris?'), { role: 'model', parts: modelParts }, { role: 'user', parts: [result('toolu_1')] }, ...after],
      tools: weatherTools,
      generationConfig: claudeThinking(2048),
    });
    expectClaudeRefusal('claude-sonnet-4-5-thinking', request([call('toolu_1')]), CLAUDE_UNSIGNED_LOOP_MESSAGE(1, 'tool_use'), signatures);
    expectClaudeRefusal(
      'claude-sonnet-4-5-thinking',
      request([{ text: 'Checking.' }, call('toolu_1')]),
      CLAUDE_UNSIGNED_LOOP_MESSAGE(1, 'text'),
      signatures,
    );
    expectAccepted('claude-sonnet-4-5-thinking', request([{ thought: true, text: 'Look it up.', thoughtSignature: signature }, call('toolu_1')]), signatures);
    // A plain user turn after the results closes the loop: Claude then ignores the unsigned past turn.
    expectAccepted(
      'claude-sonnet-4-5-thinking',
      request([call('toolu_1')], [{ role: 'model', parts: [{ text: 'It is 21C.' }] }, user('Thanks, and Rome?')]),
      signatures,
    );
  });
});

describe('Claude conversations', () => {
  it('refuses a tool_use without its tool_result in the next message', () => {
    const contents = [
      user('Weather?'),
      { role: 'model', parts: [call('toolu_a'), call('toolu_b')] },
      { role: 'user', parts: [result('toolu_a')] },
    ];
    expectClaudeRefusal('claude-sonnet-4-5', { contents, tools: weatherTools }, CLAUDE_MISSING_TOOL_RESULT_MESSAGE(1, ['toolu_b']));
    const answeredByText = [user('Weather?'), { role: 'model', parts: [call('toolu_a')] }, user('never mind')];
    expectClaudeRefusal('claude-sonnet-4-5', { contents: answeredByText, tools: weatherTools }, CLAUDE_MISSING_TOOL_RESULT_MESSAGE(1, ['toolu_a']));
  });

  it('refuses a tool_result whose id matches no tool_use of the message before', () => {
    const contents = [user('Weather?'), { role: 'model', parts: [call('toolu_a')] }, { role: 'user', parts: [result('toolu_a'), result('toolu_x')] }];
    expectClaudeRefusal('claude-sonnet-4-5', { contents, tools: weatherTools }, CLAUDE_UNEXPECTED_TOOL_RESULT_MESSAGE(2, 1, 'toolu_x'));
    const matched = [user('Weather?'), { role: 'model', parts: [call('toolu_a')] }, { role: 'user', parts: [result('toolu_a')] }];
    expectAccepted('claude-sonnet-4-5', { contents: matched, tools: weatherTools });
  });

  it('refuses a conversation that starts with a model turn', () => {
    const contents = [{ role: 'model', parts: [{ text: 'Hello! How can I help?' }] }, user('hi')];
    expectClaudeRefusal('claude-sonnet-4-5', { contents }, CLAUDE_FIRST_MESSAGE_MESSAGE);
    // Gemini takes it (the gateway's "(conversation start)" turn is only needed for Claude).
    expectAccepted('gemini-3-flash', { contents });
  });
});

describe('Gemini', () => {
  it('refuses a function response count that differs from the call turn', () => {
    const contents = [user('Weather?'), { role: 'model', parts: [call(), call()] }, { role: 'user', parts: [result()] }];
    expectGoogleRefusal('gemini-2.5-flash', { contents, tools: weatherTools }, FUNCTION_RESPONSE_COUNT_MESSAGE);
    const answered = [user('Weather?'), { role: 'model', parts: [call(), call()] }, { role: 'user', parts: [result(), result()] }];
    expectAccepted('gemini-2.5-flash', { contents: answered, tools: weatherTools });
  });

  it('refuses the minimal and medium thinking levels on Gemini 3 Pro, not on Gemini 3 Flash', () => {
    const request = (level: string) => ({ contents: [user('hi')], generationConfig: { thinkingConfig: { includeThoughts: true, thinkingLevel: level } } });
    expectGoogleRefusal('gemini-3-pro-high', request('minimal'), THINKING_LEVEL_MESSAGE('MINIMAL'));
    expectGoogleRefusal('gemini-3-pro-low', request('MEDIUM'), THINKING_LEVEL_MESSAGE('MEDIUM'));
    expectAccepted('gemini-3-pro-low', request('low'));
    expectAccepted('gemini-3-pro-high', request('high'));
    expectAccepted('gemini-3-flash', request('minimal'));
  });

  it('refuses a thinking budget of 0 on Gemini 2.5 Pro, not on Gemini 2.5 Flash', () => {
    const request = (budget: number) => ({ contents: [user('hi')], generationConfig: { thinkingConfig: { includeThoughts: false, thinkingBudget: budget } } });
    expectGoogleRefusal('gemini-2.5-pro', request(0), BUDGET_ZERO_MESSAGE);
    expectAccepted('gemini-2.5-pro', request(128));
    expectAccepted('gemini-2.5-flash', request(0));
  });
});

describe('every family', () => {
  it('refuses maxOutputTokens above the model limit, in the family\'s own words', () => {
    const request = (maxOutputTokens: number) => ({ contents: [user('hi')], generationConfig: { maxOutputTokens } });
    expectGoogleRefusal('gemini-3-flash', request(1_000_000), GEMINI_OUTPUT_RANGE_MESSAGE(1_000_000, 65536));
    expectGoogleRefusal('gemini-2.5-pro', request(0), GEMINI_OUTPUT_RANGE_MESSAGE(0, 65536));
    expectAccepted('gemini-3-flash', request(65536));
    expectClaudeRefusal('claude-sonnet-4-5', request(1_000_000), CLAUDE_MAX_TOKENS_MESSAGE(1_000_000, 64000, 'claude-sonnet-4-5'));
    expectAccepted('claude-sonnet-4-5', request(64000));
    expectAccepted('claude-opus-4-6-thinking', request(128000));
  });

  it('refuses an empty text part, but not an empty signed or thought part', () => {
    expectGoogleRefusal('gemini-3-flash', { contents: [user('hi'), { role: 'model', parts: [{ text: '' }] }, user('again')] }, EMPTY_TEXT_MESSAGE);
    expectGoogleRefusal('claude-sonnet-4-5', { contents: [user('')] }, EMPTY_TEXT_MESSAGE);
    expectGoogleRefusal('gemini-3-flash', { contents: [user('hi')], systemInstruction: { parts: [{ text: '' }] } }, EMPTY_TEXT_MESSAGE);
    const signatures = new SignatureRegistry();
    const signature = signatures.issue('gemini-3-flash');
    expectAccepted('gemini-3-flash', { contents: [user('hi'), { role: 'model', parts: [{ text: 'Hi!' }, { text: '', thoughtSignature: signature }] }, user('again')] }, signatures);
  });
});

describe('quota errors', () => {
  function metadataOf(reply: FakeReply): Record<string, string> {
    const body = (reply as { body: { error: { details: Array<{ metadata?: Record<string, string> }> } } }).body;
    return body.error.details[0]?.metadata ?? {};
  }

  it('carry quotaResetTimeStamp by default and leave it out on request, keeping RetryInfo', () => {
    expect(metadataOf(rateLimitError({ retryDelay: '7s' }))).toHaveProperty('quotaResetTimeStamp');
    expect(metadataOf(quotaExhaustedError({ resetDelay: '2h' }))).toHaveProperty('quotaResetTimeStamp');
    const bareRate = rateLimitError({ retryDelay: '7s', resetTimeStamp: false });
    expect(metadataOf(bareRate)).not.toHaveProperty('quotaResetTimeStamp');
    expect(metadataOf(bareRate)).toMatchObject({ quotaResetDelay: '7s' });
    expect(bareRate).toMatchObject({ body: { error: { details: [{}, { retryDelay: '7s' }] } } });
    const bareQuota = quotaExhaustedError({ resetDelay: '2h', resetTimeStamp: false });
    expect(metadataOf(bareQuota)).not.toHaveProperty('quotaResetTimeStamp');
    expect(bareQuota).toMatchObject({ body: { error: { details: [{}, { retryDelay: '7200s' }] } } });
  });
});
