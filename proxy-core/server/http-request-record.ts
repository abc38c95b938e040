/** An HTTP response as the pipeline records a request on it: the request state it carries, and its headers. */
import type { ServerResponse } from 'node:http';
import { LightAbortController } from '../util/light-abort-controller.js';
import { requestState } from './request-state.js';
import type { RequestRecord } from './resolve-request-target.js';

export function httpRequestRecord(response: ServerResponse): RequestRecord {
  return {
    state: requestState(response),
    setHeader(name, value) {
      response.setHeader(name, value);
    },
  };
}

/** Aborted when the client goes away before the response has been sent. */
export function abortOnClose(response: ServerResponse): LightAbortController {
  const abort = new LightAbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  return abort;
}
