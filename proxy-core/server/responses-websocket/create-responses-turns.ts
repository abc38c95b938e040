/**
 * The turns of a Responses WebSocket, served in-process: each `response.create` runs the Responses
 * adapter through the gateway's one pipeline (../serve-generation.ts), with what an HTTP
 * `POST /v1/responses` gets: the guards for the handshake's key (counted against a named key's
 * requests per minute, its model allow-list), the same mapping, account pool and stored
 * responses, and one request record (log line, request log with the socket's client address,
 * body capture when on). The answer's events go back as JSON texts; an error before the stream
 * is a `TurnRefused` in the OpenAI error shape, with its HTTP status.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError, toGatewayError } from '../../errors/gateway-error.js';
import type { CapturedExchange } from '../../monitor/completed-request.js';
import type { OpenAIResponsesAdapter } from '../../protocols/openai/responses/openai-responses-adapter.js';
import type { OpenAIErrorBody } from '../../protocols/openai/render-openai-error.js';
import type { OpenAIResponsesSequencedEvent } from '../../protocols/openai/responses/openai-responses-response-types.js';
import type { AiGuardChain } from '../middleware/ai-guard-chain.js';
import { keepResponseBytes, openCapture } from '../middleware/capture-bodies.js';
import { startRequestRecord, type RequestContextOptions, type RequestEnd } from '../middleware/request-context.js';
import { serveGeneration, type PipelineContext } from '../serve-generation.js';
import { TurnRefused, type RunTurn } from './responses-socket-session.js';

/** A turn is recorded as this request (the path the HTTP endpoint has). */
const turnPath = '/v1/responses';

export interface ResponsesTurnsOptions {
  context: PipelineContext;
  /** The app's Responses adapter: the same stored responses as over HTTP. */
  adapter: OpenAIResponsesAdapter;
  guards: Pick<AiGuardChain, 'checkTurn'>;
  /** The request record's logger, clock and request-log hook (the HTTP requests' own). */
  requestContext: RequestContextOptions;
  /** `monitor.capture_bodies` and its size, read per turn. */
  capture: () => { enabled: boolean; maxBytes: number };
  logger: { error(message: string): void };
}

export function createResponsesTurns(options: ResponsesTurnsOptions) {
  const { context, adapter } = options;
  const noQuery = new URLSearchParams();
  const noHeaders = () => {};

  /** The turns of a socket opened with these handshake headers, from this client address. */
  return function turnsFor(headers: IncomingHttpHeaders, clientAddress: string | undefined): RunTurn {
    return async function* runTurn(body, signal) {
      const record = startRequestRecord({ method: 'POST', path: turnPath, clientIp: clientAddress }, options.requestContext);
      const { state } = record;
      const capture = openCapture(headers, options.capture());
      if (capture !== undefined) {
        capture.requestBody = body;
        state.capture = capture;
      }
      const end: RequestEnd = { status: 200, finished: false, headersSent: false, contentType: undefined };
      try {
        let frames: AsyncIterable<OpenAIResponsesSequencedEvent>;
        try {
          const refusal = options.guards.checkTurn({ headers, clientAddress }, state);
          if (refusal !== undefined) throw refusal;
          const answer = await serveGeneration(context, adapter, { body, params: {}, searchParams: noQuery, state, setHeader: noHeaders, signal });
          // The session asks every turn for a stream.
          if (answer.type !== 'stream') throw new GatewayError('internal', 'A WebSocket turn must stream.');
          frames = answer.frames;
        } catch (error) {
          throw refuseTurn(error, state, end, capture);
        }
        end.headersSent = true;
        end.contentType = 'text/event-stream';
        for await (const event of frames) {
          const text = JSON.stringify(event);
          if (capture !== undefined) keepResponseBytes(capture, Buffer.from(`${text}\n`));
          yield text;
        }
        end.finished = true;
      } finally {
        // A turn the client left (socket closed, generator returned early) is recorded as one.
        record.end(end);
      }
    };
  };

  /** The error as the turn's answer, recorded as an HTTP request would record it; anything not a GatewayError is a bug and logged as one. */
  function refuseTurn(error: unknown, state: { errorMessage?: string }, end: RequestEnd, capture: CapturedExchange | undefined): TurnRefused {
    if (!(error instanceof GatewayError)) options.logger.error(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const gatewayError = toGatewayError(error);
    state.errorMessage = gatewayError.message;
    const rendered = adapter.renderError(gatewayError);
    const { error: body } = rendered.body as OpenAIErrorBody;
    end.status = rendered.status;
    end.finished = true;
    end.headersSent = true;
    end.contentType = 'application/json; charset=utf-8';
    if (capture !== undefined) keepResponseBytes(capture, Buffer.from(JSON.stringify(rendered.body)));
    return new TurnRefused(rendered.status, body);
  }
}
