/**
 * A WebSocket turn served by the gateway's own `POST /v1/responses`, on its own listening address:
 * the same checks, mapping, account pool, retries, request log and events as any HTTP client gets.
 * The caller's credentials from the WebSocket handshake go with it, and its address (believed
 * thanks to the process's internal-call token, ../internal-call.ts). The SSE answer comes back as
 * its events' JSON texts; an error answer becomes a `TurnRefused` with the endpoint's own error.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { TurnRefused, type RunTurn } from './responses-socket-session.js';
import { clientAddressHeader, internalTokenHeader } from '../internal-call.js';

const forwardedHeaders = ['authorization', 'x-api-key', 'x-goog-api-key', 'user-agent'] as const;

/** The `data:` payloads of complete SSE events in `buffer`, and what is left of it. */
export function takeSseData(buffer: string): { data: string[]; rest: string } {
  const data: string[] = [];
  let start = 0;
  for (;;) {
    const match = /\r?\n\r?\n/.exec(buffer.slice(start));
    if (match === null) break;
    const block = buffer.slice(start, start + match.index);
    start += match.index + match[0].length;
    const lines = block.split(/\r?\n/).filter((line) => line.startsWith('data:'));
    if (lines.length > 0) data.push(lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n'));
  }
  return { data, rest: buffer.slice(start) };
}

export function createResponsesEndpointCaller(options: { origin: () => string | undefined; internalCallToken?: string; dispatcher?: Dispatcher }) {
  return function forHandshake(handshakeHeaders: IncomingHttpHeaders, clientAddress: string | undefined): RunTurn {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of forwardedHeaders) {
      const value = handshakeHeaders[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (options.internalCallToken !== undefined && clientAddress !== undefined) {
      headers[internalTokenHeader] = options.internalCallToken;
      headers[clientAddressHeader] = clientAddress;
    }
    return async function* runTurn(body, signal) {
      const origin = options.origin();
      if (origin === undefined) throw new TurnRefused(503, { type: 'service_unavailable_error', code: 'gateway_stopped', message: 'Skyport is not listening.', param: null });
      const answer = await request(`${origin}/v1/responses`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
        ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      });
      if (answer.statusCode !== 200) {
        const text = await answer.body.text();
        let error: TurnRefused['error'] = { type: 'server_error', code: null, message: text.slice(0, 500), param: null };
        try {
          const parsed = JSON.parse(text) as { error?: TurnRefused['error'] };
          if (parsed.error !== undefined) error = parsed.error;
        } catch {
          // Not JSON: the text itself is the message.
        }
        throw new TurnRefused(answer.statusCode, error);
      }
      let buffer = '';
      // A character cut between two reads is held back until the rest arrives.
      const decoder = new TextDecoder();
      for await (const chunk of answer.body as AsyncIterable<Buffer>) {
        const taken = takeSseData(buffer + decoder.decode(chunk, { stream: true }));
        buffer = taken.rest;
        for (const data of taken.data) if (data !== '[DONE]') yield data;
      }
    };
  };
}
