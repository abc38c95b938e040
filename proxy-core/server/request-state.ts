/** Per-request facts gathered along the request path, read by the request log line. */
import type { Response } from 'express';
import type { AttemptRecord } from '../execution/run-generation.js';
import type { TokenUsage } from '../protocols/canonical/generation-event.js';
import type { ClientProtocol } from './client-protocol.js';
import type { CapturedExchange } from './middleware/capture-bodies.js';

export interface RequestState {
  requestId: string;
  startedAt: number;
  protocol: ClientProtocol;
  model?: string;
  mappedModel?: string;
  accountEmail?: string;
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

export function requestState(response: Response): RequestState {
  return response.locals.skyport as RequestState;
}
