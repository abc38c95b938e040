import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { GenerationRequest, GenerationResult } from '../execution/run-generation.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { CompletedRequest } from '../monitor/completed-request.js';
import { createWarmUp, warmUpRequest } from './warm-up-accounts.js';

const t0 = Date.parse('2026-12-07T08:00:00Z');
const hourLater = new Date(t0 + 3_600_000).toISOString();

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, ...overrides };
}

const usage = { inputTokens: 2, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 };

async function* answer(): AsyncIterable<GenerationEvent> {
  yield { type: 'text-delta', text: 'Hello' } as GenerationEvent;
  yield { type: 'finish', reason: 'stop', usage } as GenerationEvent;
}

function setup(accounts: Account[], options: { percent?: number; fail?: (email: string, model: string) => GatewayError | undefined } = {}) {
  const calls: Array<{ email: string; model: string; request: GenerationRequest['request'] }> = [];
  const recorded: CompletedRequest[] = [];
  const refreshed: string[] = [];
  const warmUp = createWarmUp({
    accounts: () => accounts,
    protectionPercent: () => options.percent ?? 0,
    now: () => t0,
    record: (completed) => recorded.push(completed),
    refreshQuota: async (email) => {
      refreshed.push(email);
    },
    async runOnAccount(email, request): Promise<GenerationResult> {
      calls.push({ email, model: request.upstreamModel, request: request.request });
      request.onAttempt?.({ accountEmail: email, outcome: 'ok', waitedMs: 0, skipped: [] });
      const failure = options.fail?.(email, request.upstreamModel);
      if (failure !== undefined) throw failure;
      return { accountEmail: email, events: answer(), attempts: [] };
    },
  });
  return { warmUp, calls, recorded, refreshed };
}

describe('createWarmUp', () => {
  it('sends one minimal request per model family the account lists, logged as protocol warmup', async () => {
    const quotas = {
      'gemini-3-flash': { remainingFraction: 1, resetTime: hourLater },
      'gemini-2.5-flash': { remainingFraction: 1 },
      'gemini-3-pro-low': { remainingFraction: 1 },
      'gemini-3-pro-image': { remainingFraction: 1 },
      'claude-sonnet-4-5': { remainingFraction: 1 },
      'claude-opus-4-6-thinking': { remainingFraction: 1 },
    };
    const { warmUp, calls, recorded, refreshed } = setup([account('a@x', { quotas }), account('off@x', { status: 'disabled' })]);
    const results = await warmUp.warmUp();
    expect(results).toEqual([
      { email: 'a@x', model: 'gemini-3-flash', status: 'warmed', detail: null },
      { email: 'a@x', model: 'gemini-3-pro-low', status: 'warmed', detail: null },
      { email: 'a@x', model: 'claude-sonnet-4-5', status: 'warmed', detail: null },
    ]);
    expect(calls.every((call) => call.email === 'a@x' && call.request === warmUpRequest)).toBe(true);
    expect(recorded.map((entry) => [entry.path, entry.status, entry.state.protocol, entry.state.mappedModel, entry.state.accountEmail])).toEqual([
      ['/warmup', 200, 'warmup', 'gemini-3-flash', 'a@x'],
      ['/warmup', 200, 'warmup', 'gemini-3-pro-low', 'a@x'],
      ['/warmup', 200, 'warmup', 'claude-sonnet-4-5', 'a@x'],
    ]);
    expect(recorded[0]?.state.usage).toEqual(usage);
    expect(recorded[0]?.state.attempts).toHaveLength(1);
    expect(refreshed).toEqual(['a@x']);
  });

  it('never warms a model the account rests on or is quota-protected for', async () => {
    const quotas = {
      'gemini-3-flash': { remainingFraction: 0.05, resetTime: hourLater },
      'gemini-3-pro-high': { remainingFraction: 0.9 },
      'claude-sonnet-4-5': { remainingFraction: 0.9 },
    };
    const cooldowns = { 'claude-sonnet-4-5': { until: hourLater, reason: 'rate_limited', strikes: 1 } };
    const { warmUp, calls } = setup([account('a@x', { quotas, cooldowns })], { percent: 10 });
    const results = await warmUp.warmUp('A@X');
    expect(results.map((result) => [result.model, result.status, result.detail?.split(':')[0] ?? null])).toEqual([
      ['gemini-3-flash', 'skipped', 'quota_protected'],
      ['gemini-3-pro-high', 'warmed', null],
      ['claude-sonnet-4-5', 'skipped', 'cooling down (rate_limited on claude-sonnet-4-5)'],
    ]);
    expect(calls.map((call) => call.model)).toEqual(['gemini-3-pro-high']);
  });

  it('records a failure with its status and goes on with the next model; no quota re-read when nothing warmed', async () => {
    const { warmUp, recorded, refreshed } = setup([account('a@x')], { fail: () => new GatewayError('rate_limit', 'All accounts are rate limited') });
    const results = await warmUp.warmUp('a@x', { models: ['gemini-3-flash', 'claude-sonnet-4-5'] });
    expect(results).toEqual([
      { email: 'a@x', model: 'gemini-3-flash', status: 'failed', detail: 'All accounts are rate limited' },
      { email: 'a@x', model: 'claude-sonnet-4-5', status: 'failed', detail: 'All accounts are rate limited' },
    ]);
    expect(recorded.map((entry) => [entry.status, entry.state.errorMessage])).toEqual([
      [429, 'All accounts are rate limited'],
      [429, 'All accounts are rate limited'],
    ]);
    expect(refreshed).toEqual([]);
  });

  it('says why an account that is not active is not warmed', async () => {
    const { warmUp, calls } = setup([account('a@x', { status: 'revoked' })]);
    expect(await warmUp.warmUp('a@x')).toEqual([{ email: 'a@x', model: '*', status: 'skipped', detail: 'revoked' }]);
    expect(calls).toEqual([]);
  });
});
