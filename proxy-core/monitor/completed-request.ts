/**
 * The record of one request, as the request path fills it in and the request log reads it. The
 * server writes it (server/request-state.ts attaches it to the response, middleware/request-context.ts
 * completes it when the response ends) and so do the gateway's own warm-up requests
 * (warmup/warm-up-accounts.ts); the monitor turns it into a log row. It lives here, with its reader,
 * so that nothing below the server imports the server.
 */
import type { ConversionWarning } from '../canonical/conversion-warning.js';
import type { TokenUsage } from '../canonical/generation-event.js';
import type { AttemptRecord } from '../execution/run-generation.js';
import type { ClientKey } from '../keys/check-key-model.js';

/** Which API a path belongs to, so every error (401, 404, 413 ...) answers in that API's shape (server/client-protocol.ts). */
export type ClientProtocol = 'openai' | 'anthropic' | 'gemini' | 'admin';

/** Headers and bodies kept while `monitor.capture_bodies` is on (server/middleware/capture-bodies.ts). */
export interface CapturedExchange {
  /** Credentials already masked. */
  requestHeaders: Record<string, string>;
  /** The parsed JSON body; taken when the response starts, by which time the route has read it. */
  requestBody?: unknown;
  /** The first `limitBytes` of the response, copied. */
  responseChunks: Buffer[];
  /** Bytes the response had in all. */
  responseBytes: number;
  limitBytes: number;
}

/** Per-request facts gathered along the request path, read by the request log line and the request log. */
export interface RequestState {
  requestId: string;
  startedAt: number;
  /** The client's protocol; `warmup` for the gateway's own warm-up requests (warmup/warm-up-accounts.ts). */
  protocol: ClientProtocol | 'warmup';
  model?: string;
  mappedModel?: string;
  /** The kind of mapping rule that chose `mappedModel` (resolve-model.ts); `family` flags an unknown name. */
  mappingRule?: string;
  /** What the conversion dropped or changed (converter warnings), kept with the request log row. */
  warnings?: ConversionWarning[];
  accountEmail?: string;
  /** Whose API key the request carried (auth.ts): the request log's key column and the model allow-list. */
  clientKey?: ClientKey;
  errorMessage?: string;
  /** Upstream attempts, with the accounts passed over and why. */
  attempts: AttemptRecord[];
  /** Whether the client asked for a stream. */
  stream?: boolean;
  /** When the upstream's first content arrived (epoch ms): time to first byte. */
  firstByteAt?: number;
  /** Final token usage, once the upstream reported it. */
  usage?: TokenUsage;
  /** Headers and bodies kept for the request log, only while `monitor.capture_bodies` is on (middleware/capture-bodies.ts). */
  capture?: CapturedExchange;
}

export interface CompletedRequest {
  method: string;
  path: string;
  status: number;
  /** Epoch ms the response ended (or the client went away). */
  endedAt: number;
  clientIp: string | undefined;
  /** False when the client went away before the response was fully sent. */
  finished: boolean;
  headersSent: boolean;
  /** The response's Content-Type, telling a stream from a JSON answer on routes that leave `state.stream` unset. */
  contentType: string | undefined;
  state: RequestState;
}
