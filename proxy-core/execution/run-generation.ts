/**
 * The retry/rotation loop: lease an account, get its token, call the upstream, and read the
 * stream up to its first real content BEFORE the caller sends any byte to the client. Anything
 * that fails before that point (errors, empty streams, stalls) is retried on the next account;
 * after it, failures reach the client as the protocol's in-stream error.
 */
import { randomUUID } from 'node:crypto';
import type { AccountScheduler } from '../accounts/account-scheduler.js';
import type { Account } from '../accounts/account-schema.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { GenerationEvent } from '../protocols/canonical/generation-event.js';
import type { GeminiGenerateContentRequest } from '../protocols/gemini/gemini-schemas.js';
import { resolveModelFamily } from '../signatures/model-family.js';
import type { SignatureCache } from '../signatures/signature-cache.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { decodeGeminiStream } from '../upstream/decode-gemini-stream.js';
import { buildCloudCodeEnvelope } from './build-cloud-code-envelope.js';
import { decideRetry } from './decide-retry.js';
import { rememberSignatures } from './remember-signatures.js';
import { stripThoughtSignatures } from './strip-thought-signatures.js';

export interface GenerationRequest {
  upstreamModel: string;
  request: GeminiGenerateContentRequest;
  /** Conversation identity, for the upstream prompt cache (and account stickiness). */
  sessionKey?: string;
  signal: AbortSignal;
}

export interface AttemptRecord {
  accountEmail: string;
  outcome: 'ok' | 'failed';
  status?: number;
  message?: string;
}

export interface GenerationResult {
  accountEmail: string;
  /** Starts with the events read while peeking; ends, or throws a GatewayError mid-stream. */
  events: AsyncIterable<GenerationEvent>;
  attempts: AttemptRecord[];
}

export interface GenerationRunnerDeps {
  scheduler: AccountScheduler;
  accessToken: (email: string) => Promise<string>;
  invalidateAccessToken: (email: string) => void;
  api: CloudCodeApi;
  signatures: SignatureCache;
  settings: () => { maxAttempts: number; requestTimeoutSeconds: number };
  createId?: () => string;
}

const contentEvents = new Set<GenerationEvent['type']>(['text-delta', 'reasoning-delta', 'tool-call', 'inline-data', 'finish']);

async function* replay(buffered: GenerationEvent[], rest: AsyncIterator<GenerationEvent>): AsyncGenerator<GenerationEvent> {
  try {
    yield* buffered;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  } finally {
    // The client went away or the encoder stopped: close the upstream stream too.
    await rest.return?.(undefined);
  }
}

export function createGenerationRunner(deps: GenerationRunnerDeps) {
  const createId = deps.createId ?? randomUUID;

  async function attempt(account: Account, input: GenerationRequest, request: GeminiGenerateContentRequest): Promise<GenerationResult['events']> {
    const accessToken = await deps.accessToken(account.email);
    const envelope = buildCloudCodeEnvelope({
      model: input.upstreamModel,
      projectId: account.projectId,
      request,
      requestId: createId(),
      sessionKey: input.sessionKey,
    });
    const context = { accessToken, signal: input.signal, idleTimeoutMs: deps.settings().requestTimeoutSeconds * 1000 };
    const { chunks } = await deps.api.streamGenerateContent(
      account.upstreamProxy ? { ...context, proxyUrl: account.upstreamProxy } : context,
      envelope,
    );
    const family = resolveModelFamily(input.upstreamModel);
    const decoded = rememberSignatures(
      decodeGeminiStream(chunks, { createToolCallId: () => `call_${createId().replaceAll('-', '').slice(0, 24)}` }),
      deps.signatures,
      family,
    );
    const iterator = decoded[Symbol.asyncIterator]();
    const buffered: GenerationEvent[] = [];
    try {
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        buffered.push(next.value);
        if (contentEvents.has(next.value.type)) break;
      }
    } catch (error) {
      await iterator.return?.(undefined);
      throw error;
    }
    return replay(buffered, iterator);
  }

  return async function runGeneration(input: GenerationRequest): Promise<GenerationResult> {
    const usable = deps.scheduler.usableCount();
    if (usable === 0) {
      throw new GatewayError(
        'no_account',
        'No usable Google account. Add one with "npm run skyport -- accounts add --refresh-token <token>" or in the Accounts page.',
      );
    }
    const budget = Math.max(1, Math.min(deps.settings().maxAttempts, usable + 1));
    const tried = new Set<string>();
    const attempts: AttemptRecord[] = [];
    let request = input.request;
    let strippedSignatures = false;
    let lastError: GatewayError | undefined;
    for (let attemptNumber = 0; attemptNumber < budget; attemptNumber += 1) {
      if (input.signal.aborted) throw new GatewayError('invalid_request', 'The client closed the request.');
      const account = deps.scheduler.pick(input.upstreamModel, tried);
      if (account === undefined) break;
      tried.add(account.email);
      try {
        const events = await attempt(account, input, request);
        attempts.push({ accountEmail: account.email, outcome: 'ok' });
        return { accountEmail: account.email, events, attempts };
      } catch (error) {
        const gatewayError = toGatewayError(error);
        lastError = gatewayError;
        attempts.push({
          accountEmail: account.email,
          outcome: 'failed',
          status: gatewayError.upstream?.status ?? gatewayError.status,
          message: gatewayError.message,
        });
        const decision = decideRetry(gatewayError, { strippedSignatures });
        if (decision === 'fail') throw gatewayError;
        if (decision === 'refresh_token') deps.invalidateAccessToken(account.email);
        if (decision === 'strip_signatures') {
          strippedSignatures = true;
          request = stripThoughtSignatures(request, resolveModelFamily(input.upstreamModel));
          tried.delete(account.email);
        }
      }
    }
    throw lastError ?? new GatewayError('no_account', 'No usable Google account could take the request.');
  };
}

export type GenerationRunner = ReturnType<typeof createGenerationRunner>;
