/**
 * One Responses WebSocket connection (Codex's `supports_websockets` transport): each text message
 * the client sends is a `response.create` (the body of `POST /v1/responses` plus `type`), answered
 * with the same events the SSE stream carries, one JSON text message each, in order. Turns run one
 * at a time. A failure is one message `{type:"error", status, error:{type, code, message, param}}`,
 * the shape Codex maps back to an HTTP error.
 *
 * The socket keeps its conversation: a turn may name an earlier turn of the same socket in
 * `previous_response_id` and send only the new input, `store: false` included (the point of the
 * transport). `generate: false` (Codex's warm-up) records the input under a new response id
 * without calling the model. An id this socket never made is left to the gateway's own stored
 * responses, as over HTTP.
 *
 * The work of a turn is `runTurn`, passed in: the Responses adapter run in-process through the
 * gateway's pipeline (create-responses-turns.ts).
 */
import { randomHex } from '../../util/random-hex.js';

/** A turn's stream of events, each one JSON text; ends after `response.completed` (or a failure). */
export type RunTurn = (body: Record<string, unknown>, signal: AbortSignal) => AsyncIterable<string>;

/** Thrown by `runTurn` when the endpoint answered with an error instead of a stream. */
export class TurnRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; code: string | null; message: string; param: string | null },
  ) {
    super(error.message);
    this.name = 'TurnRefused';
  }
}

export interface SocketSessionOptions {
  runTurn: RunTurn;
  send: (text: string) => void;
  now: () => number;
  /** How many earlier turns a socket remembers for `previous_response_id`. */
  historyLimit?: number;
}

type Item = Record<string, unknown>;

function errorMessage(status: number, type: string, message: string, code: string | null = null, param: string | null = null): string {
  return JSON.stringify({ type: 'error', status, error: { type, code, message, param } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A turn's `input` as items: a string is one user message. */
function inputItems(input: unknown): Item[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input.filter(isObject) : [];
}

export class ResponsesSocketSession {
  private readonly history = new Map<string, Item[]>();
  private readonly historyLimit: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(private readonly options: SocketSessionOptions) {
    this.historyLimit = options.historyLimit ?? 32;
  }

  /** A text message from the client; turns are queued behind the one running. */
  receive(text: string): void {
    // A turn that throws must not stop the ones after it.
    this.queue = this.queue
      .then(() => this.handle(text))
      .catch(() => this.options.send(errorMessage(500, 'server_error', 'Internal gateway error')));
  }

  /** The client went away: the running turn stops, queued ones are dropped. */
  close(): void {
    this.abort.abort();
  }

  /** Resolves once every message received so far has been answered. */
  settled(): Promise<void> {
    return this.queue;
  }

  private remember(id: string, items: Item[]): void {
    this.history.delete(id);
    this.history.set(id, items);
    while (this.history.size > this.historyLimit) this.history.delete(this.history.keys().next().value as string);
  }

  private async handle(text: string): Promise<void> {
    if (this.abort.signal.aborted) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.options.send(errorMessage(400, 'invalid_request_error', 'Each message must be a JSON object.'));
      return;
    }
    if (!isObject(message)) {
      this.options.send(errorMessage(400, 'invalid_request_error', 'Each message must be a JSON object.'));
      return;
    }
    // Codex acknowledges a finished response; nothing to answer.
    if (message.type === 'response.processed') return;
    if (message.type !== 'response.create') {
      this.options.send(
        errorMessage(400, 'invalid_request_error', `Unsupported message type ${JSON.stringify(message.type)}; send "response.create".`, 'unsupported_message_type', 'type'),
      );
      return;
    }
    const { type: _type, generate, ...body } = message;
    const previousId = typeof body.previous_response_id === 'string' ? body.previous_response_id : undefined;
    const previous = previousId === undefined ? undefined : this.history.get(previousId);
    const input = [...(previous ?? []), ...inputItems(body.input)];
    if (previous !== undefined) {
      body.input = input;
      delete body.previous_response_id;
    }
    if (generate === false) {
      this.warmUp(body, input);
      return;
    }
    await this.runTurn(body, input);
  }

  /** `generate: false`: a response that only records the input, for the next turn to build on. */
  private warmUp(body: Record<string, unknown>, input: Item[]): void {
    const id = `resp_${randomHex(16)}`;
    this.remember(id, input);
    const response = {
      id,
      object: 'response',
      created_at: Math.floor(this.options.now() / 1000),
      model: body.model ?? null,
      output: [],
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    };
    this.options.send(JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } }));
    this.options.send(JSON.stringify({ type: 'response.completed', sequence_number: 1, response: { ...response, status: 'completed' } }));
  }

  private async runTurn(body: Record<string, unknown>, input: Item[]): Promise<void> {
    let responseId: string | undefined;
    const output: Item[] = [];
    try {
      for await (const event of this.options.runTurn({ ...body, stream: true }, this.abort.signal)) {
        if (this.abort.signal.aborted) return;
        this.options.send(event);
        const parsed = JSON.parse(event) as { type?: string; response?: { id?: unknown }; item?: unknown };
        if (parsed.type === 'response.created' && typeof parsed.response?.id === 'string') responseId = parsed.response.id;
        else if (parsed.type === 'response.output_item.done' && isObject(parsed.item)) output.push(parsed.item);
      }
      if (responseId !== undefined) this.remember(responseId, [...input, ...output]);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      if (error instanceof TurnRefused) {
        this.options.send(JSON.stringify({ type: 'error', status: error.status, error: error.error }));
        return;
      }
      this.options.send(errorMessage(502, 'server_error', `The response could not be completed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}
