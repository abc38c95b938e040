/**
 * `GET /v1/responses` (and `/responses`) upgraded to a WebSocket: the Responses API's WebSocket
 * transport, which Codex uses for a provider with `supports_websockets = true`. The handshake
 * passes the same guards as any AI request, from the same chain (../middleware/ai-guard-chain.ts),
 * in the same order: Host allow-list, browser origin policy (a page on another origin cannot open
 * one; no wildcard), the API key and its rules (never from the URL; wrong keys count against the
 * same per-address budget), and the gateway serving. A refusal is an ordinary HTTP answer with the
 * OpenAI error body.
 * Open sockets are closed when the gateway stops listening.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Logger } from '../../logging/logger.js';
import { renderOpenAIError } from '../../protocols/openai/render-openai-error.js';
import type { AiGuardChain } from '../middleware/ai-guard-chain.js';
import { tooLarge } from '../middleware/parse-json-body.js';
import { ResponsesSocketSession, type RunTurn } from './responses-socket-session.js';

export const responsesSocketPaths: ReadonlySet<string> = new Set(['/v1/responses', '/responses']);

export interface ResponsesWebSocketOptions {
  /**
   * The HTTP routes' guards (createApp's): the handshake runs all of them, its key not counted
   * against a named key's requests per minute (each turn is checked and counted again); the body
   * limit holds each message.
   */
  guards: AiGuardChain;
  /** The turns of a socket opened with these handshake headers, for this client address (create-responses-turns.ts). */
  turnsFor: (headers: IncomingMessage['headers'], clientAddress: string | undefined) => RunTurn;
  logger: Logger;
  now: () => number;
}

function refuse(socket: Duplex, error: GatewayError): void {
  const { status, headers, body } = renderOpenAIError(error);
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

export function createResponsesWebSocket(options: ResponsesWebSocketOptions) {
  // maxPayload is set from proxy.max_body_mb at each handshake (below): ws then closes a socket
  // whose message grows past it (1009) while the frames arrive, before it is buffered whole.
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: options.guards.maxBodyBytes() });
  const open = new Set<WebSocket>();

  function serve(socket: WebSocket, request: IncomingMessage): void {
    open.add(socket);
    const session = new ResponsesSocketSession({
      runTurn: options.turnsFor(request.headers, request.socket.remoteAddress),
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      now: options.now,
    });
    options.logger.debug(`responses websocket opened (${open.size} open)`);
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(1003, 'text messages only');
        return;
      }
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      // The same limit as an HTTP body, for a socket opened before the limit was lowered.
      const limit = options.guards.maxBodyBytes();
      if (bytes.length > limit) {
        const { status, body } = renderOpenAIError(tooLarge(limit));
        socket.send(JSON.stringify({ type: 'error', status, error: body.error }));
        return;
      }
      session.receive(bytes.toString('utf8'));
    });
    socket.on('close', () => {
      open.delete(socket);
      session.close();
      options.logger.debug(`responses websocket closed (${open.size} open)`);
    });
    socket.on('error', (error) => {
      // ws closes the socket itself (1009) when a message passes maxPayload.
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') options.logger.info(`responses websocket closed: a message larger than ${options.guards.maxBodyBytes() / 1024 / 1024} MiB (proxy.max_body_mb)`);
      else options.logger.debug(`responses websocket error: ${error.message}`);
    });
  }

  return {
    /** The server's `upgrade` listener. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(request.url ?? '/', 'http://skyport.invalid');
      if (!responsesSocketPaths.has(url.pathname)) {
        refuse(socket, new GatewayError('not_found', `No WebSocket route at ${url.pathname}; the Responses WebSocket is at /v1/responses.`));
        return;
      }
      const refusal = options.guards.checkHandshake(request, url.pathname, url.searchParams);
      if (refusal !== undefined) {
        refuse(socket, refusal);
        return;
      }
      // Read by ws when it builds this socket, synchronously inside handleUpgrade.
      server.options.maxPayload = options.guards.maxBodyBytes();
      server.handleUpgrade(request, socket, head, (upgraded) => serve(upgraded, request));
    },
    get openCount() {
      return open.size;
    },
    /** Close every open socket (the gateway stopped listening). */
    closeAll(): void {
      for (const socket of open) socket.close(1001, 'Skyport stopped');
    },
  };
}

export type ResponsesWebSocket = ReturnType<typeof createResponsesWebSocket>;
