/**
 * One client endpoint as the gateway's one pipeline (server/serve-generation.ts) runs it: what is
 * particular to the endpoint, and nothing else. Each endpoint folder holds one adapter
 * (`protocols/<vendor>/<endpoint>/<vendor>-<endpoint>-adapter.ts`); the runner does the same steps for
 * every one of them: parse, the model decided once (mapping/resolve-target.ts, from the name and
 * the tools the adapter reports), convert, then count tokens or generate and answer (a stream, or
 * the events collected into one body).
 */
import type { ConversionWarning } from '../canonical/conversion-warning.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { ResolvedTarget, ToolTraits } from '../mapping/resolve-target.js';
import type { SignatureCache } from '../signatures/signature-cache.js';

/** What a request brings: the JSON body and, for paths with a parameter, its value and the query. */
export interface AdapterInput {
  body: unknown;
  params: Readonly<Record<string, string>>;
  searchParams: URLSearchParams;
}

/** A converter's result, as the runner reads it. */
export interface ConvertedRequest {
  request: GeminiGenerateContentRequest;
  /** What the conversion dropped or changed (kept with the request log row). */
  warnings: readonly ConversionWarning[];
}

/** An error in the endpoint's protocol: status, headers and body. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The steps every endpoint has. Methods, not function properties: an adapter for a narrower body still fits the runner's table. */
export interface AdapterBase<Parsed, Converted extends ConvertedRequest> {
  /** The endpoint in log lines (conversion warnings). */
  name: string;
  /** Errors in the endpoint's protocol (the same shape the path's error renderer gives). */
  renderError(error: GatewayError): RenderedError;
  /** The body (and path parameters) read and validated; a GatewayError `invalid_request` otherwise. */
  parse(input: AdapterInput): Parsed;
  /** The model name the client asked for. */
  model(parsed: Parsed): string;
  /** What the request's tools say about web search, for the model choice. */
  tools(parsed: Parsed): ToolTraits;
  convert(parsed: Parsed, target: ResolvedTarget, signatures: SignatureCache): Converted;
}

/** `POST …/count_tokens` and the like: the converted request counted upstream. */
export interface CountTokensAdapter<Parsed, Converted extends ConvertedRequest> extends AdapterBase<Parsed, Converted> {
  kind: 'count_tokens';
  /** The endpoint's answer for this many input tokens. */
  answer(tokens: number): unknown;
}

/** What the answer of one response is made with, besides its events. */
export interface AnswerIds {
  /** The response id (the endpoint's prefix and random digits). */
  id: string;
  /** Epoch seconds. */
  created: number;
  sessionKey: string;
}

/** A stream as an HTTP body: text frames, what to send while the upstream is silent, and the content type. */
export interface HttpStream {
  frames: AsyncIterable<string>;
  /** SSE comment when absent. */
  heartbeatFrame?: string;
  /** `text/event-stream` when absent. */
  contentType?: string;
}

/** An answer made without the upstream (Claude Code's warm-up probe): its events, and what the request log shows as the model. */
export interface LocalAnswer<Options> {
  mappedModel: string;
  events: AsyncIterable<GenerationEvent>;
  options: Options;
}

export interface GenerationAdapter<Parsed, Converted extends ConvertedRequest, Options, Frame> extends AdapterBase<Parsed, Converted> {
  kind: 'generation';
  /** Whether the client asked for a stream. */
  stream(parsed: Parsed): boolean;
  /** The conversation's identity: account stickiness and the upstream prompt cache. */
  sessionKey(parsed: Parsed): string;
  /** A new response id (`chatcmpl-…`, `msg_…`, `resp_…`). */
  createId(): string;
  /** Answered here, without the upstream, when the endpoint has such a case for this request (`ids` made only then). */
  answerLocally?(parsed: Parsed, ids: () => AnswerIds): LocalAnswer<Options> | undefined;
  /** What the encoder and the collector need besides the events; `target` is what was called. */
  answerOptions(parsed: Parsed, converted: Converted, target: ResolvedTarget, ids: AnswerIds): Options;
  /** The events as the endpoint's stream items (SSE frames, or events a WebSocket sends one by one). */
  encodeStream(events: AsyncIterable<GenerationEvent>, options: Options): AsyncIterable<Frame>;
  /** The stream items as an HTTP body. */
  httpStream(parsed: Parsed, frames: AsyncIterable<Frame>): HttpStream;
  /** The events collected into the endpoint's one JSON body. */
  collect(events: AsyncIterable<GenerationEvent>, options: Options): Promise<unknown>;
}

/** Any adapter, as the route table holds them (each has its own body, option and frame types). */
export type EndpointAdapter = GenerationAdapter<unknown, ConvertedRequest, unknown, unknown> | CountTokensAdapter<unknown, ConvertedRequest>;
