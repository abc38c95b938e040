/** Per-request facts gathered along the request path, read by the request log line. */
import type { ServerResponse } from 'node:http';
import type { AttemptRecord } from '../execution/run-generation.js';
import type { TokenUsage } from '../canonical/generation-event.js';
import type { ClientKey } from '../keys/check-key-model.js';
import type { ClientProtocol } from './client-protocol.js';
import type { CapturedExchange } from './middleware/capture-bodies.js';

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
  warnings?: string[];
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

// On the response object itself, so the Express routes and the direct AI path (ai-fast-path.ts)
// share it: Express's response is the same node object with another prototype.
const kRequestState = Symbol('skyport.requestState');
type StatefulResponse = ServerResponse & { [kRequestState]?: RequestState };

export function attachRequestState(response: ServerResponse, state: RequestState): void {
  (response as StatefulResponse)[kRequestState] = state;
}

export function requestState(response: ServerResponse): RequestState {
  return (response as StatefulResponse)[kRequestState] as RequestState;
}
