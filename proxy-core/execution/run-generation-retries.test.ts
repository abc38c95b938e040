/**
 * The retry loop's decisions, one by one, with fake time and a scripted upstream: which account
 * each attempt goes to, what it waits, what reaches the upstream, what the client gets and what
 * is written on the account. (run-generation.test.ts has the main scenarios.)
 */
import { describe, expect, it } from 'vitest';
import { createAccountScheduler, type SchedulerSettings } from '../accounts/account-scheduler.js';
import type { Account } from '../accounts/account-schema.js';
import type { AccountPatch } from '../accounts/account-store.js';
import type { GeminiGenerateContentRequest, GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import { GatewayError, type UpstreamFailure } from '../errors/gateway-error.js';
import { createSignatureCache } from '../signatures/signature-cache.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { createGenerationRunner, retryWaitBudgetMs, type AttemptRecord, type GenerationRequest } from './run-generation.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');
const model = 'gemini-3-flash';

const textChunk = (text: string, finishReason?: string): GeminiResponseChunk => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finishReason === undefined ? {} : { finishReason }) }],
});

async function* answer(): AsyncGenerator<GeminiResponseChunk> {
  yield textChunk('hi');
  yield textChunk(' there', 'STOP');
}

/** What a scripted stream may do to the pool while it runs (another request's doing). */
interface Scene {
  setAccount(email: string, change: Partial<Account>): void;
}

/** What one upstream call does: fail before any byte, answer, or run its own stream. */
type Step = UpstreamFailure | GatewayError | 'ok' | ((scene: Scene) => AsyncGenerator<GeminiResponseChunk>);

interface Call {
  email: string;
  context: { accessToken: string; idleTimeoutMs: number; proxyUrl?: string; signal: unknown };
  envelope: { model: string; project?: string; requestId: string; requestType: string; request: GeminiGenerateContentRequest };
}

type World = ReturnType<typeof world>;

function world(
  entries: Array<string | Account>,
  scripts: Record<string, Step[]>,
  options: { maxAttempts?: number; randoms?: number[]; settings?: Partial<SchedulerSettings>; revokeOnToken?: string[] } = {},
) {
  let time = t0;
  const state = {
    accounts: entries.map((entry): Account => (typeof entry === 'string' ? { email: entry, refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {} } : entry)),
  };
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const writes: Array<{ email: string; fields: Partial<Account> }> = [];
  const invalidated: string[] = [];
  const randoms = [...(options.randoms ?? [])];
  let ids = 0;
  const self = {
    state,
    calls,
    sleeps,
    writes,
    invalidated,
    now: () => time,
    account: (email: string) => state.accounts.find((account) => account.email === email) as Account,
    setAccount(email: string, change: Partial<Account>) {
      state.accounts = state.accounts.map((account) => (account.email === email ? { ...account, ...change } : account));
    },
    advance(ms: number) {
      time += ms;
    },
  };
  const api = {
    async streamGenerateContent(context: Call['context'], envelope: Call['envelope']) {
      const email = context.accessToken.slice('token-'.length);
      calls.push({ email, context, envelope });
      const step = scripts[email]?.shift() ?? 'ok';
      if (step === 'ok') return { baseUrl: 'fake', chunks: answer() };
      if (typeof step === 'function') return { baseUrl: 'fake', chunks: step(self) };
      if (step instanceof GatewayError) throw step;
      throw new GatewayError(step.status === 429 ? 'rate_limit' : 'upstream', step.message, { upstream: step });
    },
  } as unknown as CloudCodeApi;
  const scheduler = createAccountScheduler({
    accounts: () => state.accounts,
    settings: () => ({ mode: 'balance', maxWaitSeconds: 60, preferredAccount: '', ...options.settings }),
    now: () => time,
    random: () => 0,
  });
  const run = createGenerationRunner({
    scheduler,
    accounts: () => state.accounts,
    updateAccount: async (email: string, patch: AccountPatch) => {
      const current = self.account(email);
      const fields = typeof patch === 'function' ? patch(current) : patch;
      writes.push({ email, fields });
      self.setAccount(email, fields);
    },
    accessToken: async (email) => {
      if (options.revokeOnToken?.includes(email)) {
        // What the token manager does with a revoked refresh token: the account leaves rotation.
        self.setAccount(email, { status: 'revoked' });
        throw new GatewayError('authentication', 'invalid_grant');
      }
      return `token-${email}`;
    },
    invalidateAccessToken: (email) => invalidated.push(email),
    api,
    signatures: createSignatureCache(),
    settings: () => ({ maxAttempts: options.maxAttempts ?? 3, requestTimeoutSeconds: 90 }),
    now: () => time,
    random: () => randoms.shift() ?? 0.5,
    createId: () => `0000-${String((ids += 1)).padStart(4, '0')}-ffff-eeee-dddd-cccc-bbbb`,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  });
  const attempts: AttemptRecord[] = [];
  return Object.assign(self, {
    attempts,
    run: (input: Partial<GenerationRequest> = {}) =>
      run({
        upstreamModel: model,
        request: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
        signal: new AbortController().signal,
        onAttempt: (attempt) => attempts.push(attempt),
        ...input,
      }),
  });
}

async function readAll(events: AsyncIterable<GenerationEvent>): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of events) seen.push(event.type === 'text-delta' ? `text:${event.text}` : event.type);
  return seen;
}

const unavailable: UpstreamFailure = { status: 503, rpcStatus: 'UNAVAILABLE', message: 'The service is currently unavailable.' };
const limited = (retryDelayMs?: number): UpstreamFailure => ({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'limited', ...(retryDelayMs === undefined ? {} : { retryDelayMs }) });
const restOf = (w: World, email: string) => w.account(email).cooldowns[model];

describe('what reaches the upstream', () => {
  it("calls with the account's token, project and proxy, the request timeout, and the conversation's session id", async () => {
    const w = world([{ email: 'a', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {}, projectId: 'proj-1', upstreamProxy: 'socks5://127.0.0.1:1080' }], {});
    const signal = new AbortController().signal;
    await w.run({ signal, sessionKey: 'client:conversation-1', requestType: 'image_gen' });
    const call = w.calls[0] as Call;
    expect(call.context).toEqual({ accessToken: 'token-a', signal, idleTimeoutMs: 90_000, proxyUrl: 'socks5://127.0.0.1:1080' });
    expect(call.envelope).toMatchObject({ model, project: 'proj-1', requestId: 'agent-0000-0001-ffff-eeee-dddd-cccc-bbbb', requestType: 'image_gen', userAgent: 'antigravity' });
    expect(call.envelope.request.sessionId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an account without a proxy is called directly', async () => {
    const w = world(['a'], {});
    await w.run();
    expect('proxyUrl' in (w.calls[0] as Call).context).toBe(false);
    expect((w.calls[0] as Call).envelope.requestType).toBe('agent');
  });

  it('names a function call the upstream sent without an id from the request id generator', async () => {
    const w = world(['a'], {
      a: [
        async function* () {
          yield { candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } } }] }, finishReason: 'STOP' }] };
        },
      ],
    });
    const result = await w.run();
    const events: GenerationEvent[] = [];
    for await (const event of result.events) events.push(event);
    // The first id went to the request id; the call gets the next one, without dashes, cut to 24 characters.
    expect(events.find((event) => event.type === 'tool-call')).toMatchObject({ id: 'call_00000002ffffeeeeddddcccc', name: 'weather' });
  });
});

describe('before any attempt', () => {
  it('with no usable account, tells the client how to add one and calls nobody', async () => {
    const w = world([{ email: 'a', refreshToken: 'r', status: 'disabled', addedAt: '', quotas: {}, cooldowns: {} }], {});
    await expect(w.run()).rejects.toMatchObject({
      kind: 'no_account',
      message: 'No usable Google account. Add one with "npm run skyport -- accounts add --refresh-token <token>" or "accounts login".',
    });
    expect(w.calls).toEqual([]);
  });

  it('accounts kept in reserve by quota protection, with no reset known: the client is told why, nobody is called', async () => {
    const low: Account = { email: 'a', refreshToken: 'r', status: 'active', addedAt: '', cooldowns: {}, quotas: { [model]: { remainingFraction: 0.05 } } };
    const w = world([low], {}, { settings: { quotaProtection: { percent: 20, mode: 'strict' } } });
    const error = await w.run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'no_account', code: 'quota_protected' });
    expect(w.calls).toEqual([]);
  });

  it('a client already gone is not served', async () => {
    const w = world(['a'], {});
    const controller = new AbortController();
    controller.abort();
    await expect(w.run({ signal: controller.signal })).rejects.toMatchObject({ kind: 'invalid_request', message: 'The client closed the request.' });
    expect(w.calls).toEqual([]);
  });

  it('works without an onAttempt listener, and hands back the attempts it made', async () => {
    const w = world(['a', 'b'], { a: [unavailable] });
    const result = await w.run({ onAttempt: undefined });
    expect(result.attempts.map((attempt) => [attempt.accountEmail, attempt.outcome])).toEqual([
      ['a', 'failed'],
      ['b', 'ok'],
    ]);
  });
});

describe('the first content decides', () => {
  it('hands the answer over at its first content: the rest is read only as the client reads', async () => {
    const log: string[] = [];
    const w = world(['a'], {
      a: [
        async function* () {
          log.push('read 1');
          yield textChunk('hi');
          log.push('read 2');
          yield textChunk(' there', 'STOP');
        },
      ],
    });
    const result = await w.run();
    log.push('handed over');
    expect(await readAll(result.events)).toEqual(['start', 'text:hi', 'text: there', 'finish']);
    expect(log).toEqual(['read 1', 'handed over', 'read 2']);
  });

  it('a failure after the first content reaches the client in the stream: it is not retried on another account', async () => {
    const w = world(['a', 'b'], {
      a: [
        async function* () {
          yield textChunk('partial');
          throw new GatewayError('upstream', 'connection reset', { upstream: { status: 0, message: 'connection reset' } });
        },
      ],
    });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    const error = await readAll(result.events).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'connection reset' });
    expect(w.calls.map((call) => call.email)).toEqual(['a']);
  });

  it('closes the upstream when the client stops reading, and tells onEvent nothing more', async () => {
    const state = { closed: false };
    const w = world(['a'], {
      a: [
        async function* () {
          try {
            yield textChunk('one');
            yield textChunk('two');
            yield textChunk('three', 'STOP');
          } finally {
            state.closed = true;
          }
        },
      ],
    });
    const heard: string[] = [];
    const result = await w.run({ onEvent: (event) => heard.push(event.type) });
    for await (const event of result.events) {
      if (event.type === 'text-delta') break;
    }
    expect(state.closed).toBe(true);
    expect(heard).toEqual(['start', 'text-delta']);
  });
});

describe('which account the next attempt goes to', () => {
  it('a short 429 delay waits for the same account even when another one is free, once', async () => {
    const w = world(['a', 'b'], { a: [limited(800), limited(800)] });
    const result = await w.run();
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'a', 'b']);
    expect(result.accountEmail).toBe('b');
    expect(w.sleeps).toEqual([800]);
    // The same-account retry passed nobody over.
    expect(w.attempts[1]).toMatchObject({ accountEmail: 'a', skipped: [], waitedMs: 800 });
    expect(restOf(w, 'a')).toMatchObject({ reason: 'rate_limited', strikes: 1 });
  });

  it('a passing fault retried on a lone account does not use up its one short-delay retry', async () => {
    const w = world(['a'], { a: [unavailable, limited(500)] });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'a', 'a']);
    expect(w.sleeps).toEqual([250, 500]);
  });

  it('a passing fault that rotates does not use it up either', async () => {
    const w = world(['a', 'b'], { a: [unavailable], b: [limited(500)] });
    const result = await w.run();
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'b', 'b']);
    expect(result.accountEmail).toBe('b');
  });

  it('401: drops the cached token and retries the account once, then moves on', async () => {
    const unauthorized: UpstreamFailure = { status: 401, message: 'Request had invalid authentication credentials.' };
    const w = world(['a'], { a: [unauthorized, unauthorized] });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    expect(w.invalidated).toEqual(['a']);
    expect(w.attempts.map((attempt) => attempt.rule ?? attempt.outcome)).toEqual(['401: refresh token, retry once', '401 after refresh: rotate', 'ok']);
  });

  it('a token refresh, a signature strip and a 429 asking for no wait retry the same account, though another is free', async () => {
    const unauthorized = world(['a', 'b'], { a: [{ status: 401, message: 'Request had invalid authentication credentials.' }] });
    expect((await unauthorized.run()).accountEmail).toBe('a');
    expect(unauthorized.calls.map((call) => call.email)).toEqual(['a', 'a']);
    const refused = world(['a', 'b'], { a: [{ status: 400, signatureError: true, message: 'Corrupted thought signature.' }] });
    expect((await refused.run()).accountEmail).toBe('a');
    expect(refused.calls.map((call) => call.email)).toEqual(['a', 'a']);
    const noWait = world(['a', 'b'], { a: [limited(0)] });
    expect((await noWait.run()).accountEmail).toBe('a');
    expect(noWait.calls.map((call) => call.email)).toEqual(['a', 'a']);
    expect(noWait.sleeps).toEqual([]);
  });

  it('a failure that is not about the token keeps the cached token', async () => {
    const w = world(['a', 'b'], { a: [unavailable] });
    await w.run();
    expect(w.invalidated).toEqual([]);
  });

  it('a refused thought signature: the same account again without the history signatures, and only once', async () => {
    const request: GeminiGenerateContentRequest = {
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        { role: 'model', parts: [{ thought: true, text: 'thinking', thoughtSignature: 'sig-1' }, { functionCall: { name: 'weather', args: {} }, thoughtSignature: 'sig-2' }] },
        { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { result: 'sunny' } } }] },
      ],
    };
    const refused: UpstreamFailure = { status: 400, signatureError: true, message: 'Corrupted thought signature.' };
    const w = world(['a'], { a: [refused] });
    await w.run({ request });
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'a']);
    expect(w.calls[0]?.envelope.request.contents[1]?.parts).toHaveLength(2);
    expect(w.calls[1]?.envelope.request.contents[1]?.parts).toEqual([{ functionCall: { name: 'weather', args: {} }, thoughtSignature: 'skip_thought_signature_validator' }]);

    const twice = world(['a'], { a: [refused, refused] });
    await expect(twice.run({ request })).rejects.toMatchObject({ message: 'Corrupted thought signature.' });
    expect(twice.attempts.map((attempt) => attempt.rule)).toEqual(['400 signature: strip signatures, retry once', 'signature rejected twice']);
  });

  it('other failures retry with the request as it was', async () => {
    const request: GeminiGenerateContentRequest = {
      contents: [{ role: 'model', parts: [{ thought: true, text: 'thinking', thoughtSignature: 'sig-1' }, { text: 'answer' }] }, { role: 'user', parts: [{ text: 'and?' }] }],
    };
    const w = world(['a'], { a: [unavailable] });
    await w.run({ request });
    expect(w.calls[1]?.envelope.request.contents).toEqual(request.contents);
  });

  it('a lone account that stops serving mid-request: the client gets the error that stopped it', async () => {
    const forbidden = world(['a'], { a: [{ status: 403, message: 'The caller does not have permission' }] });
    await expect(forbidden.run()).rejects.toMatchObject({ message: 'The caller does not have permission' });
    const revoked = world(['a'], {}, { revokeOnToken: ['a'] });
    await expect(revoked.run()).rejects.toMatchObject({ kind: 'upstream', code: 'account_credentials_failed', message: 'An account could not get a Google access token: invalid_grant' });
    expect(revoked.calls).toEqual([]);
  });

  it('records a failure that has no upstream status with the status the client would get', async () => {
    const w = world(['a', 'b'], { a: [new GatewayError('timeout', 'No answer within 90 s')] });
    await w.run();
    expect(w.attempts[0]).toMatchObject({ accountEmail: 'a', outcome: 'failed', status: 504, message: 'No answer within 90 s', rule: 'no answer: back off and rotate' });
  });
});

describe('the rests a failure leaves', () => {
  it('a 429 without a delay escalates from the strikes stored when it fails, not those when the attempt began', async () => {
    const w = world(['a', 'b'], {
      a: [
        // While this attempt runs, other requests hit the limit twice on this account.
        async function* (self) {
          self.setAccount('a', { cooldowns: { [model]: { until: new Date(t0).toISOString(), reason: 'rate_limited', strikes: 2 } } });
          yield* [];
          throw new GatewayError('rate_limit', 'limited', { upstream: limited() });
        },
      ],
    });
    await w.run();
    // Strikes 2 before this one: the third step (5 min), and now 3 strikes.
    expect(restOf(w, 'a')).toEqual({ until: new Date(t0 + 300_000).toISOString(), reason: 'rate_limited', strikes: 3 });
  });

  it('a 429 without a delay after an earlier rest has run out: the next step up', async () => {
    const w = world([{ email: 'a', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: { [model]: { until: new Date(t0 - 1).toISOString(), reason: 'rate_limited', strikes: 1 } } }, 'b'], {
      a: [limited()],
    });
    await w.run();
    expect(restOf(w, 'a')).toEqual({ until: new Date(t0 + 60_000).toISOString(), reason: 'rate_limited', strikes: 2 });
  });
});

describe('what a success writes on the account', () => {
  const stored = (fields: Partial<Account>): Account => ({ email: 'a', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {}, ...fields });
  const over = (reason: string) => ({ until: new Date(t0 - 1).toISOString(), reason, strikes: 2 });

  it('clears the rests of the model and of the whole account that ran out, keeps the others, and the last error', async () => {
    const w = world([stored({ cooldowns: { [model]: over('rate_limited'), '*': over('server_error'), 'gemini-3-pro-high': over('capacity') }, lastError: 'limited', lastUsedAt: new Date(t0).toISOString() })], {});
    await w.run();
    expect(w.account('a').cooldowns).toEqual({ 'gemini-3-pro-high': over('capacity') });
    expect(w.account('a').lastError).toBeUndefined();
  });

  it('clears a run-out rest of the model alone, or of the whole account alone', async () => {
    const modelOnly = world([stored({ cooldowns: { [model]: over('rate_limited') }, lastUsedAt: new Date(t0).toISOString() })], {});
    await modelOnly.run();
    expect(modelOnly.account('a').cooldowns).toEqual({});
    const accountOnly = world([stored({ cooldowns: { '*': over('server_error') }, lastUsedAt: new Date(t0).toISOString() })], {});
    await accountOnly.run();
    expect(accountOnly.account('a').cooldowns).toEqual({});
    expect(accountOnly.writes).toStrictEqual([{ email: 'a', fields: { cooldowns: {} } }]);
  });

  it('notes when the account was last used at most once a minute, and writes nothing when there is nothing to note', async () => {
    const w = world([stored({})], {});
    await w.run();
    // Strictly: the fields not written are absent, not set to undefined.
    expect(w.writes).toStrictEqual([{ email: 'a', fields: { lastUsedAt: '2026-11-26T12:00:00.000Z' } }]);
    w.advance(60_000);
    await w.run();
    expect(w.writes).toHaveLength(1);
    w.advance(1);
    await w.run();
    expect(w.writes).toStrictEqual([
      { email: 'a', fields: { lastUsedAt: '2026-11-26T12:00:00.000Z' } },
      { email: 'a', fields: { lastUsedAt: '2026-11-26T12:01:00.001Z' } },
    ]);
  });

  it('clears the last error of a recently used account without touching anything else', async () => {
    const w = world([stored({ lastError: '503 unavailable: back off and rotate', lastUsedAt: new Date(t0 - 1_000).toISOString() })], {});
    await w.run();
    expect(w.writes).toStrictEqual([{ email: 'a', fields: { lastError: undefined } }]);
  });
});

describe('the client goes away', () => {
  it('during a failed attempt: no retry, no record, no rest', async () => {
    const controller = new AbortController();
    const w = world(['a', 'b'], {
      a: [
        async function* () {
          controller.abort();
          yield* [];
          throw new GatewayError('invalid_request', 'The client closed the request.');
        },
      ],
    });
    await expect(w.run({ signal: controller.signal })).rejects.toMatchObject({ message: 'The client closed the request.' });
    expect(w.calls.map((call) => call.email)).toEqual(['a']);
    expect(w.attempts).toEqual([]);
    expect(w.writes).toEqual([]);
  });
});

describe('the error the client gets', () => {
  it('keeps what the upstream said (its code and failure) when it adds a Retry-After', async () => {
    const capacity = new GatewayError('overloaded', 'No capacity available', {
      code: 'model_capacity_exhausted',
      param: 'model',
      upstream: { status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', message: 'No capacity available' },
    });
    const w = world(['a'], { a: [capacity] });
    const error = await w.run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'overloaded',
      status: 503,
      message: 'No capacity available',
      retryAfterSeconds: 10,
      code: 'model_capacity_exhausted',
      param: 'model',
      upstream: { status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED' },
    });
  });

  it('adds nothing the error did not have besides the Retry-After', async () => {
    const w = world(['a'], { a: [new GatewayError('overloaded', 'Overloaded', { upstream: { status: 529, message: 'Overloaded' } })] });
    const error = (await w.run().catch((caught: unknown) => caught)) as GatewayError;
    expect(error.retryAfterSeconds).toBe(10);
    expect(error.code).toBeUndefined();
    expect(error.param).toBeUndefined();
  });

  it("an error with its own Retry-After, or one the policy names none for, reaches the client as it is", async () => {
    const own = new GatewayError('overloaded', 'Overloaded', { retryAfterSeconds: 3, upstream: { status: 529, message: 'Overloaded' } });
    const w = world(['a'], { a: [own] });
    expect(await w.run().catch((caught: unknown) => caught)).toBe(own);
    const badRequest = new GatewayError('invalid_request', 'Invalid JSON payload', { upstream: { status: 400, message: 'Invalid JSON payload' } });
    const bad = world(['a'], { a: [badRequest] });
    const error = await bad.run().catch((caught: unknown) => caught);
    expect(error).toBe(badRequest);
    expect((error as GatewayError).retryAfterSeconds).toBeUndefined();
  });
});

describe('the wait budget', () => {
  it('waits between retries until the pauses add up to the budget exactly; past it the next attempt goes back through the scheduler without a wait', async () => {
    expect(retryWaitBudgetMs).toBe(10_000);
    // b rests for an hour: a is alone, so each passing fault is retried on it after a jittered back-off.
    const resting = { until: new Date(t0 + 3_600_000).toISOString(), reason: 'quota_exhausted', strikes: 1 };
    const w = world(['a', { email: 'b', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: { [model]: resting } }], { a: Array.from({ length: 9 }, () => unavailable) }, {
      maxAttempts: 10,
      // Pauses of 313, 625, 938, 1250, 1563, 1875, 2188 and 1248 ms: 10 000 ms in all.
      randoms: [0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.124, 0.5],
    });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    expect(w.sleeps).toEqual([313, 625, 938, 1250, 1563, 1875, 2188, 1248]);
    expect(w.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(retryWaitBudgetMs);
    expect(w.calls).toHaveLength(10);
    // The attempts after a pause went straight to a; the last one was picked again, and says what it passed over.
    expect(w.attempts[8]).toMatchObject({ accountEmail: 'a', waitedMs: 1248, skipped: [] });
    expect(w.attempts[9]).toMatchObject({ accountEmail: 'a', outcome: 'ok', waitedMs: 0, skipped: [{ email: 'b', reason: 'cooling down (quota_exhausted on gemini-3-flash)' }] });
  });
});
