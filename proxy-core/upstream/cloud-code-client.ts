/**
 * CloudCodeApi over undici (UPSTREAM-PROTOCOL.md §1-§10): `{base}/v1internal:{method}`, base-URL
 * fallback, SSE streaming with an idle timer, and every HTTP failure turned into a GatewayError
 * by parseUpstreamError + classifyUpstreamError.
 *
 * Fallback moves to the next base URL on network errors, 404 (models can be host-specific), 408
 * and 5xx (as ANCHOR-ANTIGRAVITY-MANAGER.md §8.1); 400/401/403/429 are about the request or the
 * account, and the same account would get the same answer elsewhere, so they return at once.
 */
import { arch, platform } from 'node:process';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { GatewayError, type UpstreamFailure } from '../errors/gateway-error.js';
import type { GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import { BatchedIterable } from '../util/batched-async-iterable.js';
import { findResponseChunkProblem } from './check-gemini-response-chunk.js';
import { classifyUpstreamError, clientVersionRefusedCode } from './classify-upstream-error.js';
import {
  fetchAvailableModelsResponseSchema,
  loadCodeAssistResponseSchema,
  type CloudCodeApi,
  type UpstreamCallContext,
} from './cloud-code-api.js';
import { parseUpstreamError } from './parse-upstream-error.js';
import { builtInClientVersion } from './resolve-client-version.js';
import { dispatchUpstreamRequest, type UpstreamBody, type UpstreamResponse } from './dispatch-upstream-request.js';
import { readSseBatches } from './read-sse-batches.js';
import { LightAbortController, type AbortSignalLike } from '../util/light-abort-controller.js';

export interface CloudCodeClientOptions {
  /** Tried in order, e.g. `https://cloudcode-pa.googleapis.com` (no `/v1internal`). */
  baseUrls: string[];
  dispatchers: { get(proxyUrl: string | undefined): Dispatcher };
  /** Global egress proxy, used when the account has none of its own. */
  defaultProxyUrl?: string;
  /**
   * The Antigravity version presented on every call (upstream/resolve-client-version.ts), read per
   * call so a changed setting applies at once. Default: the built-in version.
   */
  clientVersion?: () => string;
  /** Replaces the default `antigravity/<version> <os>/<arch>` User-Agent (UPSTREAM-PROTOCOL.md §3). */
  userAgent?: string;
  /** Google refused the client version presented (told once per failing call). */
  onClientVersionRefused?: (version: string) => void;
  now?: () => number;
  /** Starts a timer and returns the function that cancels it. */
  setTimer?: (callback: () => void, delayMs: number) => () => void;
  /** Bound on each non-streaming call (headers and body). Default 60 s. */
  requestTimeoutMs?: number;
  /** Longest delay between `onboardUser` operation polls (the first ones are shorter). Default 5 s (as Gemini CLI). */
  pollIntervalMs?: number;
  /** Polls before onboarding gives up. Default 12 (about 50 s at the default interval). */
  maxPollAttempts?: number;
}

const maxErrorBodyBytes = 64 * 1024;
const maxJsonBodyBytes = 16 * 1024 * 1024;

const countTokensResponseSchema = z.looseObject({ totalTokens: z.number().optional() });
const operationSchema = z.looseObject({
  name: z.string().optional(),
  done: z.boolean().optional(),
  response: z
    .looseObject({ cloudaicompanionProject: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).nullish() })
    .optional(),
  error: z.looseObject({ code: z.number().optional(), message: z.string().optional() }).optional(),
});

const clientMetadata = { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' } as const;

function defaultSetTimer(callback: () => void, delayMs: number): () => void {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message === '' ? error.name : error.message;
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/** A caller-cancelled call. Named AbortError so generic abort handling recognises it. */
function createAbortError(cause: unknown): GatewayError {
  const error = new GatewayError('upstream', 'The upstream request was cancelled', { status: 499, code: 'request_aborted', cause });
  error.name = 'AbortError';
  return error;
}

/** Malformed 200 answers: the HTTP exchange worked but the payload is not what §5-§10 describe. */
function createProtocolError(message: string, detail: string, cause?: unknown): GatewayError {
  return new GatewayError('upstream', message, { upstream: { status: 200, message: detail }, cause });
}

/** Why a finished attempt's controller is aborted: one shared Error, not a stack trace per call. */
const finishedReason = new Error('upstream request finished');

/**
 * One attempt against one base URL: a (light) abort controller whose signal stops the exchange
 * (dispatch-upstream-request.ts), tied to the caller's signal and to a timer, remembering which
 * of the two fired so the error can say so. `setTimer` undefined: one Node timer per attempt,
 * restarted with `refresh()` for every wait instead of a new timer per network read (the idle
 * timer is armed and disarmed around each read).
 */
function createAttempt(callerSignal: AbortSignalLike | undefined, setTimer: CloudCodeClientOptions['setTimer']) {
  const controller = new LightAbortController();
  let stopReason: 'caller' | 'timeout' | 'done' | undefined;
  let cancelTimer: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDelayMs = -1;
  // Node timer only: a timer that fires while nobody waits (disarmed) does nothing.
  let waiting = false;
  const onCallerAbort = (): void => {
    stopReason ??= 'caller';
    controller.abort(callerSignal?.reason);
  };
  const onTimeout = (): void => {
    if (setTimer === undefined && !waiting) return;
    stopReason ??= 'timeout';
    controller.abort(new Error('upstream idle timeout'));
  };
  const stopTimer = (): void => {
    cancelTimer?.();
    cancelTimer = undefined;
    waiting = false;
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get stopReason() {
      return stopReason;
    },
    armTimer(delayMs: number): void {
      if (setTimer !== undefined) {
        cancelTimer?.();
        cancelTimer = setTimer(onTimeout, delayMs);
        return;
      }
      waiting = true;
      if (timer !== undefined && timerDelayMs === delayMs) {
        timer.refresh();
        return;
      }
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(onTimeout, delayMs);
      timer.unref();
      timerDelayMs = delayMs;
    },
    disarmTimer(): void {
      if (setTimer === undefined) {
        waiting = false;
        return;
      }
      cancelTimer?.();
      cancelTimer = undefined;
    },
    /**
     * Stops the request (destroying its socket if the body is still flowing) and lets go of the
     * caller's signal. `bodyEnded`: the response was read to its end, so there is nothing to stop.
     */
    finish(bodyEnded = false): void {
      stopTimer();
      stopReason ??= 'done';
      callerSignal?.removeEventListener('abort', onCallerAbort);
      if (!bodyEnded) controller.abort(finishedReason);
    },
  };
}
type Attempt = ReturnType<typeof createAttempt>;

async function readBodyText(body: UpstreamBody, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const pieces: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (let step = await body.next(); step.done !== true; step = await body.next()) {
      pieces.push(step.value);
      size += step.value.length;
      if (size > maxBytes) {
        truncated = true;
        break;
      }
    }
  } catch (error) {
    // Keep what arrived when reading an error body; a broken success body is the caller's problem.
    if (pieces.length === 0) throw error;
  } finally {
    if (truncated) await body.return();
  }
  return { text: Buffer.concat(pieces).subarray(0, maxBytes).toString('utf8'), truncated };
}

/** Streaming errors are plain JSON even under `text/event-stream` (§6); accept an SSE-framed one too. */
function unframeErrorBody(text: string): string {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('data:')) return text;
  return trimmed
    .split(/\r\n|\r|\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
}

/**
 * "Your current version of Antigravity is out of date. Please visit … to download …" sent as the
 * first and only text of an answer to no prompt (Antigravity Manager issue #2134): the refusal
 * in a 200. Only the start of a first chunk with no prompt tokens counted is read, so a model
 * merely talking about Antigravity versions is left alone.
 */
function findVersionRefusalInAnswer(chunk: GeminiResponseChunk): string | undefined {
  if ((chunk.usageMetadata?.promptTokenCount ?? 0) > 0) return undefined;
  const text = (chunk.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('').trim();
  return /^(?:this|your current) version of antigravity is (?:no longer supported|out of date)/i.test(text) ? text.slice(0, 500) : undefined;
}

function shouldTryNextBase(status: number): boolean {
  return status === 404 || status === 408 || status >= 500;
}

export function createCloudCodeClient(options: CloudCodeClientOptions): CloudCodeApi {
  if (options.baseUrls.length === 0) throw new Error('createCloudCodeClient needs at least one base URL');
  const baseUrls = options.baseUrls.map((url) => url.replace(/\/+$/, ''));
  // Each base split once into origin and path prefix: the dispatcher is called with them directly,
  // not with a URL string undici would parse again on every call.
  const splitBases = new Map(
    baseUrls.map((url) => {
      const parsed = new URL(url);
      return [url, { origin: parsed.origin, prefix: parsed.pathname.replace(/\/+$/, '') }] as const;
    }),
  );
  const clientVersion = options.clientVersion ?? (() => builtInClientVersion);
  // What Antigravity sends on every v1internal call (ANCHOR-ANTIGRAVITY-MANAGER.md §8.2): the
  // version in the User-Agent and in x-client-version. Built once per version, not per call.
  let identity: { version: string; headers: Record<string, string> } | undefined;
  const clientHeaders = (): { version: string; headers: Record<string, string> } => {
    const version = clientVersion();
    if (identity?.version !== version) {
      identity = {
        version,
        headers: {
          'user-agent': options.userAgent ?? `antigravity/${version} ${platform}/${arch}`,
          'x-client-name': 'antigravity',
          'x-client-version': version,
        },
      };
    }
    return identity;
  };
  /** Classifies an upstream failure, naming the version presented when Google refused it. */
  const classify = (failure: UpstreamFailure, version: string): GatewayError => {
    const error = classifyUpstreamError(failure, { clientVersion: version });
    if (error.code === clientVersionRefusedCode) options.onClientVersionRefused?.(version);
    return error;
  };
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? defaultSetTimer;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const maxPollAttempts = options.maxPollAttempts ?? 12;

  interface OpenOptions {
    /** Base URLs to try, in order. */
    bases: string[];
    /** Path after the base, e.g. `/v1internal:countTokens`. */
    path: string;
    method: 'GET' | 'POST';
    body?: string;
    stream: boolean;
    /** Timer armed from the start of each attempt; on streams it becomes the idle timer. */
    timeoutMs: number;
  }

  function timerError(attempt: Attempt, timeoutMs: number, stream: boolean): GatewayError | undefined {
    if (attempt.stopReason === 'caller') return createAbortError(undefined);
    if (attempt.stopReason === 'timeout') {
      return stream
        ? new GatewayError('timeout', `Upstream sent nothing for ${formatSeconds(timeoutMs)} s`)
        : new GatewayError('timeout', `Upstream did not answer within ${formatSeconds(timeoutMs)} s`);
    }
    return undefined;
  }

  /** Sends the call, walking the base URLs; resolves with the first 2xx response (body unread). */
  async function open(context: UpstreamCallContext, call: OpenOptions): Promise<{ baseUrl: string; response: UpstreamResponse; attempt: Attempt }> {
    if (context.signal?.aborted === true) throw createAbortError(context.signal.reason);
    // An empty per-account proxy means "not set", not "direct".
    const accountProxy = context.proxyUrl?.trim();
    const dispatcher = options.dispatchers.get(accountProxy === undefined || accountProxy === '' ? options.defaultProxyUrl : accountProxy);
    const presented = clientHeaders();
    const headers: Record<string, string> = {
      authorization: `Bearer ${context.accessToken}`,
      accept: call.stream ? 'text/event-stream' : 'application/json',
      ...presented.headers,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';

    let lastHttpFailure: UpstreamFailure | undefined;
    let lastNetworkFailure: UpstreamFailure | undefined;
    for (const [index, baseUrl] of call.bases.entries()) {
      const isLast = index === call.bases.length - 1;
      const attempt = createAttempt(context.signal, options.setTimer);
      attempt.armTimer(call.timeoutMs);
      let response: UpstreamResponse;
      try {
        const { origin, prefix } = splitBases.get(baseUrl) as { origin: string; prefix: string };
        response = await dispatchUpstreamRequest(
          dispatcher,
          {
            origin,
            path: `${prefix}${call.path}${call.stream ? '?alt=sse' : ''}`,
            method: call.method,
            headers,
            body: call.body ?? null,
            // Our own timer bounds the wait (and is the idle timer on streams).
            headersTimeout: 0,
            bodyTimeout: 0,
          },
          attempt.signal,
        );
      } catch (error) {
        const stopped = timerError(attempt, call.timeoutMs, call.stream);
        attempt.finish();
        if (stopped !== undefined) throw stopped;
        lastNetworkFailure = { status: 0, message: describeNetworkError(error) };
        continue;
      }

      if (response.statusCode >= 200 && response.statusCode < 300) return { baseUrl, response, attempt };

      let bodyText = '';
      try {
        bodyText = (await readBodyText(response.body, maxErrorBodyBytes)).text;
      } catch {
        // The status alone still says what happened.
      }
      const stopped = timerError(attempt, call.timeoutMs, call.stream);
      attempt.finish(response.body.complete);
      if (stopped !== undefined) throw stopped;
      const failure = parseUpstreamError(response.statusCode, unframeErrorBody(bodyText), response.headers, now());
      if (!isLast && shouldTryNextBase(response.statusCode)) {
        lastHttpFailure = failure;
        continue;
      }
      throw classify(failure, presented.version);
    }
    // Every base failed: an HTTP answer says more than "could not connect".
    throw classify(lastHttpFailure ?? lastNetworkFailure ?? { status: 0, message: 'no upstream base URL answered' }, presented.version);
  }

  async function callJson<T>(
    context: UpstreamCallContext,
    call: Omit<OpenOptions, 'stream' | 'timeoutMs'>,
    schema: z.ZodType<T>,
  ): Promise<{ baseUrl: string; data: T }> {
    const { baseUrl, response, attempt } = await open(context, { ...call, stream: false, timeoutMs: requestTimeoutMs });
    let text: string;
    try {
      const read = await readBodyText(response.body, maxJsonBodyBytes);
      if (read.truncated) throw createProtocolError('Upstream answer is too large', `body over ${maxJsonBodyBytes} bytes`);
      text = read.text;
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw (
        timerError(attempt, requestTimeoutMs, false) ??
        new GatewayError('upstream', 'Upstream connection closed before the answer was complete', {
          upstream: { status: 0, message: describeNetworkError(error) },
          cause: error,
        })
      );
    } finally {
      attempt.finish(response.body.complete);
    }
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw createProtocolError('Upstream sent invalid JSON', 'invalid JSON body', error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw createProtocolError('Upstream answer has an unexpected shape', parsed.error.message);
    return { baseUrl, data: parsed.data };
  }

  /** Stops the upstream body unless it already ended, and frees the attempt. Idempotent. */
  function release(response: UpstreamResponse, attempt: Attempt): void {
    const ended = response.body.complete;
    if (!ended) void response.body.return();
    attempt.finish(ended);
  }

  /** One SSE event's data -> the unwrapped `response` object; undefined for keep-alives and `[DONE]`. */
  function readStreamChunk(rawData: string): GeminiResponseChunk | undefined {
    const data = rawData.trim();
    if (data === '' || data === '[DONE]') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (error) {
      throw createProtocolError('Upstream sent invalid JSON in the stream', 'invalid JSON in an SSE event', error);
    }
    // An error reported inside a 200 stream.
    if (isRecord(json) && isRecord(json.error) && !('response' in json) && !('candidates' in json)) {
      const status = typeof json.error.code === 'number' && json.error.code >= 400 ? json.error.code : 500;
      throw classify(parseUpstreamError(status, data, {}, now()), clientVersion());
    }
    const chunk = isRecord(json) && 'response' in json ? json.response : json;
    const problem = findResponseChunkProblem(chunk);
    if (problem !== undefined) throw createProtocolError('Upstream sent a stream chunk of an unexpected shape', problem);
    return chunk as GeminiResponseChunk;
  }

  function sleep(delayMs: number, signal: AbortSignalLike | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(createAbortError(signal.reason));
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(createAbortError(signal?.reason));
      };
      const cancel = setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function post(method: string, body: unknown) {
    return { bases: baseUrls, path: `/v1internal:${method}`, method: 'POST' as const, body: JSON.stringify(body) };
  }

  return {
    async streamGenerateContent(context, envelope) {
      const { baseUrl, response, attempt } = await open(context, {
        ...post('streamGenerateContent', envelope),
        stream: true,
        timeoutMs: context.idleTimeoutMs,
      });
      // Headers are in: the idle clock restarts and runs until the first chunk is read.
      attempt.armTimer(context.idleTimeoutMs);
      // The body as it arrives, a batch of chunks per network read, with the idle timer running
      // only while we wait on the upstream.
      let sawFirstChunk = false;
      const batches = readSseBatches({
        body: response.body,
        readEvent: (rawData) => {
          const chunk = readStreamChunk(rawData);
          if (chunk !== undefined && !sawFirstChunk) {
            sawFirstChunk = true;
            // Google may refuse a stale client version as the answer's own text (a 200).
            const refusal = findVersionRefusalInAnswer(chunk);
            if (refusal !== undefined) throw classify({ status: 200, message: refusal }, clientVersion());
          }
          return chunk;
        },
        beforeRead: () => attempt.armTimer(context.idleTimeoutMs),
        afterRead: () => attempt.disarmTimer(),
        describeReadError: (error) =>
          timerError(attempt, context.idleTimeoutMs, true) ??
          new GatewayError('upstream', 'Upstream connection closed mid-stream', {
            upstream: { status: 0, message: describeNetworkError(error) },
            cause: error,
          }),
        // Normal end, error or the consumer stopping: never leave the socket streaming.
        release: () => release(response, attempt),
      });
      // Chunk by chunk for any reader; a batch per network read for readers that ask (run-generation).
      return { baseUrl, chunks: new BatchedIterable(batches) };
    },

    async countTokens(context, model, contents) {
      const name = model.startsWith('models/') ? model : `models/${model}`;
      const { data } = await callJson(context, post('countTokens', { request: { model: name, contents } }), countTokensResponseSchema);
      return data.totalTokens ?? 0;
    },

    async loadCodeAssist(context, project) {
      const body = {
        metadata: { ...clientMetadata, ...(project === undefined ? {} : { duetProject: project }) },
        ...(project === undefined ? {} : { cloudaicompanionProject: project }),
      };
      return (await callJson(context, post('loadCodeAssist', body), loadCodeAssistResponseSchema)).data;
    },

    async onboardUser(context, tierId, project) {
      // "Setting a project in the onboardUser request causes a Precondition Failed error" on free tier (§9).
      const body = {
        tierId,
        metadata: clientMetadata,
        ...(project === undefined || tierId === 'free-tier' ? {} : { cloudaicompanionProject: project }),
      };
      let { baseUrl, data: operation } = await callJson(context, post('onboardUser', body), operationSchema);
      for (let polls = 0; operation.done !== true; polls += 1) {
        if (polls >= maxPollAttempts) {
          throw new GatewayError('timeout', `Account onboarding did not finish after ${maxPollAttempts} checks`);
        }
        // Most operations finish within a second: start short and back off to the full interval.
        await sleep(Math.min(pollIntervalMs, 500 * 2 ** polls), context.signal);
        // Operations live on the host that started them; without a name, ask again as OAA does.
        const name = operation.name?.replace(/^\/+/, '');
        const next =
          name === undefined || name === ''
            ? await callJson(context, post('onboardUser', body), operationSchema)
            : await callJson(context, { bases: [baseUrl], path: `/v1internal/${name}`, method: 'GET' }, operationSchema);
        ({ baseUrl, data: operation } = next);
      }
      if (operation.error !== undefined) {
        const message = operation.error.message ?? 'unknown error';
        throw createProtocolError(`Account onboarding failed: ${message}`, message);
      }
      const projectField = operation.response?.cloudaicompanionProject;
      const projectId = typeof projectField === 'string' ? projectField : projectField?.id;
      return projectId === undefined || projectId === '' ? undefined : projectId;
    },

    async fetchAvailableModels(context, project) {
      const body = project === undefined ? {} : { project };
      return (await callJson(context, post('fetchAvailableModels', body), fetchAvailableModelsResponseSchema)).data;
    },
  };
}
