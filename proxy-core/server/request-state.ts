/** Where the request path keeps its per-request facts (monitor/completed-request.ts: RequestState) while a request runs. */
import type { ServerResponse } from 'node:http';
import type { RequestState } from '../monitor/completed-request.js';

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
