/** Per-request facts gathered along the request path, read by the request log line. */
import type { Response } from 'express';
import type { AttemptRecord } from '../execution/run-generation.js';
import type { ClientProtocol } from './client-protocol.js';

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
}

export function requestState(response: Response): RequestState {
  return response.locals.skyport as RequestState;
}
