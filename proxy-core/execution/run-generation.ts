/**
 * The retry/rotation loop: pick an account (scheduler), get its token, call the upstream, and
 * read the stream up to its first real content BEFORE the caller sends any byte to the client.
 * Anything that fails before that point (errors, empty streams, stalls) goes through the retry
 * policy table: same account, another account, or the client. After the first content,
 * failures reach the client as the protocol's in-stream error.
 */
import { randomUUID } from 'node:crypto';
import type { AccountScheduler, SkippedAccount } from '../accounts/account-scheduler.js';
import { allModels, type Account } from '../accounts/account-schema.js';
import type { AccountPatch } from '../accounts/account-store.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { CloudCodeRequestType, GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import { resolveModelFamily } from '../signatures/model-family.js';
import type { SignatureCache } from '../signatures/signature-cache.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { createGeminiStreamDecoder } from '../upstream/decode-gemini-stream.js';
import { BatchedIterable, iterateBatches } from '../util/batched-async-iterable.js';
import { decodeEventBatches } from './decode-event-batches.js';
import { applyRetryAction } from './apply-retry-action.js';
import { buildCloudCodeEnvelope } from './build-cloud-code-envelope.js';
import { describePoolExhausted } from './describe-pool-exhausted.js';
import { createSignatureRecorder } from './remember-signatures.js';
import { decideRetryAction } from './retry-policy.js';
import { getAccountAccessToken } from './get-account-access-token.js';
import { sleepFor } from './sleep-for.js';
import { stripThoughtSignatures } from './strip-thought-signatures.js';
import type { AbortSignalLike } from '../util/light-abort-controller.js';

export interface GenerationRequest {
  upstreamModel: string;
  request: GeminiGenerateContentRequest;
  /** Conversation identity: account stickiness and the upstream prompt cache. */
  sessionKey?: string;
  /** The envelope's `requestType`; `agent` when not given. */
  requestType?: CloudCodeRequestType;
  signal: AbortSignalLike;
  /** Told about every attempt as it ends (the request log). */
  onAttempt?: (attempt: AttemptRecord) => void;
  /**
   * Told about each event of the answer as it is handed to the caller (events of attempts that
   * failed before their first content never are). Synchronous; must not throw.
   */
  onEvent?: (event: GenerationEvent) => void;
}

export interface AttemptRecord {
  accountEmail: string;
  outcome: 'ok' | 'failed';
  status?: number;
  message?: string;
  /** The retry-policy row that handled a failure. */
  rule?: string;
  /** Time waited before this attempt (backoff, or for the conversation's own account). */
  waitedMs: number;
  /** Accounts passed over for this attempt, and why. */
  skipped: SkippedAccount[];
}

export interface GenerationResult {
  accountEmail: string;
  /**
   * Starts with the events read while peeking; ends, or throws a GatewayError mid-stream.
   * Also readable a batch per upstream network read, through `iterateBatches`
   * (util/batched-async-iterable.ts).
   */
  events: AsyncIterable<GenerationEvent>;
  attempts: AttemptRecord[];
}

export interface GenerationRunnerDeps {
  scheduler: AccountScheduler;
  accounts: () => readonly Account[];
  updateAccount: (email: string, patch: AccountPatch) => Promise<unknown>;
  accessToken: (email: string) => Promise<string>;
  invalidateAccessToken: (email: string) => void;
  api: CloudCodeApi;
  signatures: SignatureCache;
  settings: () => { maxAttempts: number; requestTimeoutSeconds: number };
  /** Re-read an account's quotas in the background after a limit. */
  refreshQuota?: (email: string) => void;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignalLike) => Promise<void>;
  createId?: () => string;
  /** Spreads same-account retries (default Math.random). */
  random?: () => number;
  logger?: { warn(message: string): void };
}

/** Total pause the retry loop may add to one request (cache_first waits are bounded separately). */
export const retryWaitBudgetMs = 10_000;

const contentEvents = new Set<GenerationEvent['type']>(['text-delta', 'reasoning-delta', 'tool-call', 'inline-data', 'grounding', 'finish']);

/** Where the caller's `onEvent` is plugged in once the attempt is handed over (none while peeking). */
interface EventTap {
  onEvent: ((event: GenerationEvent) => void) | undefined;
}

/**
 * The events read while peeking, then the rest of the stream; closing it closes the upstream.
 * The caller hears of the peeked events when they are handed out, and of the rest through the
 * tap as decodeEventBatches produces them: no extra promise per batch to watch them go by.
 */
class Replay implements AsyncIterator<GenerationEvent[], undefined> {
  private first: GenerationEvent[] | undefined;

  constructor(
    buffered: GenerationEvent[],
    private readonly rest: ReturnType<typeof decodeEventBatches>,
    private readonly tap: EventTap,
    private readonly onEvent: ((event: GenerationEvent) => void) | undefined,
  ) {
    this.first = buffered;
  }

  next(): Promise<IteratorResult<GenerationEvent[], undefined>> {
    const first = this.first;
    if (first !== undefined) {
      this.first = undefined;
      if (this.onEvent !== undefined) for (const event of first) this.onEvent(event);
      this.tap.onEvent = this.onEvent;
      return Promise.resolve({ done: false, value: first });
    }
    return this.rest.next();
  }

  /** The client went away or the encoder stopped: close the upstream stream too. */
  return(): Promise<IteratorResult<GenerationEvent[], undefined>> {
    this.first = undefined;
    this.tap.onEvent = undefined;
    return this.rest.return();
  }
}

/** The error as the client gets it, with a Retry-After when the policy named one and it had none. */
function withRetryAfter(error: GatewayError, retryAfterMs: number | undefined): GatewayError {
  if (retryAfterMs === undefined || error.retryAfterSeconds !== undefined) return error;
  return new GatewayError(error.kind, error.message, {
    status: error.status,
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    ...(error.param === undefined ? {} : { param: error.param }),
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.upstream === undefined ? {} : { upstream: error.upstream }),
    cause: error.cause,
  });
}

export function createGenerationRunner(deps: GenerationRunnerDeps) {
  const createId = deps.createId ?? randomUUID;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? sleepFor;
  const random = deps.random ?? Math.random;

  /** Whether a fresh account could take the next attempt (a pick without a session binds nothing). */
  function otherAccountAvailable(model: string, tried: ReadonlySet<string>): boolean {
    const pick = deps.scheduler.pick({ model, tried });
    return pick.kind === 'account' && !tried.has(pick.account.email);
  }

  async function attempt(account: Account, input: GenerationRequest, request: GeminiGenerateContentRequest): Promise<GenerationResult['events']> {
    const accessToken = await getAccountAccessToken(deps.accessToken, account.email);
    const envelope = buildCloudCodeEnvelope({
      model: input.upstreamModel,
      projectId: account.projectId,
      request,
      requestId: createId(),
      sessionKey: input.sessionKey,
      requestType: input.requestType,
    });
    const context = { accessToken, signal: input.signal, idleTimeoutMs: deps.settings().requestTimeoutSeconds * 1000 };
    const { chunks } = await deps.api.streamGenerateContent(
      account.upstreamProxy ? { ...context, proxyUrl: account.upstreamProxy } : context,
      envelope,
    );
    const recordSignatures = createSignatureRecorder(deps.signatures, resolveModelFamily(input.upstreamModel));
    const tap: EventTap = { onEvent: undefined };
    const decoder = createGeminiStreamDecoder({
      createToolCallId() {
        return `call_${createId().replaceAll('-', '').slice(0, 24)}`;
      },
    });
    const batches = decodeEventBatches(
      iterateBatches(chunks),
      decoder,
      (event) => {
        recordSignatures(event);
        tap.onEvent?.(event);
      },
    );
    // Whole batches: the events after the first content in its batch are buffered with it.
    const buffered: GenerationEvent[] = [];
    try {
      for (let next = await batches.next(); next.done !== true; next = await batches.next()) {
        let sawContent = false;
        for (const event of next.value) {
          buffered.push(event);
          if (contentEvents.has(event.type)) sawContent = true;
        }
        if (sawContent) break;
      }
    } catch (error) {
      await batches.return();
      throw error;
    }
    return new BatchedIterable(new Replay(buffered, batches, tap, input.onEvent));
  }

  function recordSuccess(account: Account, model: string): void {
    deps.scheduler.recordUse(account.email);
    const needsClear = account.cooldowns[model] !== undefined || account.cooldowns[allModels] !== undefined;
    // Written at most once a minute per account: no disk write on every request.
    const lastUsed = account.lastUsedAt === undefined ? 0 : Date.parse(account.lastUsedAt);
    const touch = now() - lastUsed > 60_000;
    if (!needsClear && !touch && account.lastError === undefined) return;
    // Against the account as stored when applied: cooldowns other requests set since must stay.
    const patch = (current: Account): Partial<Account> => {
      const fields: Partial<Account> = {};
      if (needsClear) {
        const { [model]: _cleared, [allModels]: _clearedAll, ...rest } = current.cooldowns;
        fields.cooldowns = rest;
      }
      if (touch) fields.lastUsedAt = new Date(now()).toISOString();
      if (account.lastError !== undefined) fields.lastError = undefined;
      return fields;
    };
    void deps.updateAccount(account.email, patch).catch(() => {});
  }

  return async function runGeneration(input: GenerationRequest): Promise<GenerationResult> {
    const usable = deps.scheduler.usableCount();
    if (usable === 0) {
      throw new GatewayError(
        'no_account',
        'No usable Google account. Add one with "npm run skyport -- accounts add --refresh-token <token>" or "accounts login".',
      );
    }
    // One account is no reason for fewer attempts: a passing fault is retried on it (retry-policy.ts).
    const budget = Math.max(1, deps.settings().maxAttempts);
    const tried = new Set<string>();
    const attempts: AttemptRecord[] = [];
    const record = (entry: AttemptRecord) => {
      attempts.push(entry);
      input.onAttempt?.(entry);
    };
    let request = input.request;
    let lastError: GatewayError | undefined;
    let waitedTotal = 0;
    let pendingDelay = 0;
    let sameAccount: Account | undefined;
    const flags = { retriedSameAccount: false, refreshedToken: false, strippedSignatures: false };

    for (let attemptNumber = 1; attemptNumber <= budget; attemptNumber += 1) {
      let account: Account;
      let skipped: SkippedAccount[] = [];
      let waitedMs = 0;
      if (sameAccount !== undefined) {
        account = sameAccount;
        sameAccount = undefined;
      } else {
        const pick = deps.scheduler.pick({ model: input.upstreamModel, tried, ...(input.sessionKey === undefined ? {} : { sessionKey: input.sessionKey }) });
        skipped = pick.skipped;
        if (pick.kind === 'none') {
          // Cooling accounts say when capacity returns, which beats the last upstream error.
          throw pick.retryAfterMs !== undefined || lastError === undefined ? describePoolExhausted(input.upstreamModel, pick) : lastError;
        }
        if (pick.kind === 'wait') {
          waitedMs = pick.waitMs;
          await sleep(pick.waitMs, input.signal);
        }
        account = pick.account;
      }
      if (pendingDelay > 0) {
        await sleep(pendingDelay, input.signal);
        waitedMs += pendingDelay;
        pendingDelay = 0;
      }
      if (input.signal.aborted) throw new GatewayError('invalid_request', 'The client closed the request.');
      tried.add(account.email);
      try {
        const events = await attempt(account, input, request);
        record({ accountEmail: account.email, outcome: 'ok', waitedMs, skipped });
        recordSuccess(account, input.upstreamModel);
        return { accountEmail: account.email, events, attempts };
      } catch (error) {
        const gatewayError = toGatewayError(error);
        if (input.signal.aborted) throw gatewayError;
        lastError = gatewayError;
        const current = deps.accounts().find((candidate) => candidate.email === account.email) ?? account;
        const action = decideRetryAction(gatewayError, {
          now: now(),
          attempt: attemptNumber,
          strikes: current.cooldowns[input.upstreamModel]?.strikes ?? 0,
          ...flags,
          otherAccountAvailable: otherAccountAvailable(input.upstreamModel, tried),
          jitter: random(),
        });
        record({
          accountEmail: account.email,
          outcome: 'failed',
          status: gatewayError.upstream?.status ?? gatewayError.status,
          message: gatewayError.message,
          rule: action.rule,
          waitedMs,
          skipped,
        });
        applyRetryAction(action, current, input.upstreamModel, deps);
        if (action.next === 'fail') throw withRetryAfter(gatewayError, action.retryAfterMs);
        if (action.next === 'retry_same' && action.transient !== true) flags.retriedSameAccount = true;
        if (action.next === 'refresh_token') {
          flags.refreshedToken = true;
          deps.invalidateAccessToken(account.email);
        }
        if (action.next === 'strip_signatures') {
          flags.strippedSignatures = true;
          request = stripThoughtSignatures(request, resolveModelFamily(input.upstreamModel));
        }
        if (action.next !== 'rotate') sameAccount = account;
        if (action.delayMs > 0 && waitedTotal + action.delayMs <= retryWaitBudgetMs) {
          pendingDelay = action.delayMs;
          waitedTotal += action.delayMs;
        } else if (action.next === 'retry_same' && action.delayMs > 0) {
          // No time left to wait for the same account: try another one instead.
          sameAccount = undefined;
        }
      }
    }
    throw lastError ?? new GatewayError('no_account', 'No usable Google account could take the request.');
  };
}

export type GenerationRunner = ReturnType<typeof createGenerationRunner>;
