/**
 * Turning a FakeReply into Cloud Code response envelopes (UPSTREAM-PROTOCOL.md §5, §6): the streamed
 * deltas and the single non-streaming envelope (with `groundingMetadata` for grounded replies). Also the default reply
 * and the token counter.
 */
import { randomBytes } from 'node:crypto';
import { getField, isPlainObject } from './fake-google-proto.js';
import { isImageModel, modelFamily, type SignatureRegistry } from './fake-google-signatures.js';
import type { FakeGrounding, FakeReply, FakeUsage } from './fake-google-types.js';
import { hasGoogleSearch, type Content, type Part } from './fake-google-validate.js';

/** The candidate's `groundingMetadata` of a Google Search grounded reply, in the real API's shape. */
export interface GroundingMetadata {
  webSearchQueries: string[];
  searchEntryPoint: { renderedContent: string };
  groundingChunks?: Array<{ web: { uri: string; title: string } }>;
  groundingSupports?: Array<{
    segment: { startIndex: number; endIndex: number; text: string };
    groundingChunkIndices: number[];
    confidenceScores: number[];
  }>;
}

export interface Candidate {
  content: { role: 'model'; parts: Part[] };
  finishReason?: string;
  groundingMetadata?: GroundingMetadata;
}

export interface ResponseEnvelope {
  response: {
    candidates?: Candidate[];
    usageMetadata: Record<string, number>;
    modelVersion: string;
    responseId: string;
  };
  traceId: string;
}

export function traceId(): string {
  return randomBytes(8).toString('hex');
}

export function responseId(model: string): string {
  if (modelFamily(model) === 'claude') {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return `msg_vrtx_01${Array.from(randomBytes(22), (byte) => alphabet[byte % alphabet.length]).join('')}`;
  }
  return randomBytes(17).toString('base64url').slice(0, 23);
}

function toolUseId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `toolu_vrtx_01${Array.from(randomBytes(22), (byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function partChars(part: Part): number {
  const text = getField(part, 'text');
  if (typeof text === 'string') return text.length;
  let total = 0;
  for (const name of ['function_call', 'function_response', 'inline_data', 'file_data', 'executable_code', 'code_execution_result']) {
    const value = getField(part, name);
    if (value !== undefined) total += JSON.stringify(value).length;
  }
  return total;
}

/** Deterministic token count: ceil(characters / 4) over all parts (function calls/responses as their JSON). */
export function countTokens(contents: Content[]): number {
  const chars = contents.reduce((sum, content) => sum + content.parts.reduce((inner, part) => inner + partChars(part), 0), 0);
  return Math.ceil(chars / 4);
}

/**
 * A real, valid 1x1 RGBA PNG (one opaque blue pixel, #4285F4): signature, IHDR, zlib IDAT and IEND with correct CRCs.
 * The default reply of image models carries it as `inlineData` with mimeType image/png.
 */
export const FAKE_IMAGE_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNwav3yHwAFgwK7PZ6FTQAAAABJRU5ErkJggg==';

/**
 * Output tokens each generated image adds to usageMetadata.candidatesTokenCount: a fixed count whatever the image's size
 * (Gemini bills an image of up to 1024x1024 as 1290 output tokens), so tests can predict usage exactly.
 */
export const FAKE_IMAGE_OUTPUT_TOKENS = 1290;

const CHUNK_SIZES = [3, 5, 8, 4, 6, 7];

/** Splits text into 3-8 code-point pieces (never inside a surrogate pair), so clients see real deltas. */
export function splitText(text: string): string[] {
  const points = Array.from(text);
  if (points.length === 0) return [''];
  const pieces: string[] = [];
  let index = 0;
  let size = 0;
  while (index < points.length) {
    const length = CHUNK_SIZES[size++ % CHUNK_SIZES.length]!;
    pieces.push(points.slice(index, index + length).join(''));
    index += length;
  }
  return pieces;
}

function lastUserText(contents: Content[]): string {
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index]!;
    if (content.role !== 'user') continue;
    const texts = content.parts
      .filter((part) => getField(part, 'thought') !== true)
      .map((part) => getField(part, 'text'))
      .filter((text): text is string => typeof text === 'string');
    if (texts.length > 0) return texts.join(' ');
  }
  return '';
}

interface DeclaredFunction {
  name: string;
  parameters: unknown;
}

function declaredFunctions(request: Record<string, unknown>): DeclaredFunction[] {
  const tools = getField(request, 'tools');
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    const declarations = getField(tool, 'function_declarations');
    if (!Array.isArray(declarations)) return [];
    return declarations.flatMap((declaration) => {
      const name = getField(declaration, 'name');
      if (typeof name !== 'string') return [];
      return [{ name, parameters: getField(declaration, 'parameters') ?? getField(declaration, 'parameters_json_schema') }];
    });
  });
}

function argsFor(parameters: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const required = getField(parameters, 'required');
  const properties = getField(parameters, 'properties');
  if (!Array.isArray(required) || !isPlainObject(properties)) return args;
  for (const name of required) {
    if (typeof name !== 'string') continue;
    const type = getField(properties[name], 'type');
    if (typeof type === 'string' && type.toLowerCase() === 'string') args[name] = 'test';
  }
  return args;
}

/** Sources of the default grounded reply (googleSearch requests): two Vertex AI Search redirect links. */
export const FAKE_SEARCH_SOURCES: ReadonlyArray<{ uri: string; title: string }> = [
  { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1', title: 'example.com' },
  { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-2', title: 'example.org' },
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A small stand-in for Google's search-suggestions widget: a `<style>` block, then a `<div>` with one chip per query. */
function renderedSearchEntryPoint(queries: string[]): string {
  const style =
    '<style>.container{align-items:center;border-radius:8px;display:flex;font-family:Google Sans,Roboto,sans-serif;' +
    'font-size:14px;line-height:20px;padding:8px 12px}.chip{display:inline-block;border:solid 1px;border-radius:16px;' +
    'padding:5px 16px;margin:0 8px;text-align:center}.carousel{overflow:auto;white-space:nowrap}</style>';
  const chips = queries
    .map((query) => `<a class="chip" href="https://www.google.com/search?q=${encodeURIComponent(query)}">${escapeHtml(query)}</a>`)
    .join('');
  return `${style}<div class="container"><div class="headline">Search suggestions</div><div class="carousel">${chips}</div></div>`;
}

/**
 * The `groundingMetadata` for a grounded reply whose (non-thought) text is `text`: the queries, a searchEntryPoint,
 * one `web` chunk per source, and one support whose segment is the whole text (indices in UTF-8 bytes, as the real API
 * counts them) citing every chunk with scores 0.9, 0.8, … (never below 0.1). Chunks and supports are left out when
 * there are no sources, the support also when the text is empty (the real API omits empty lists).
 */
export function groundingMetadata(grounding: FakeGrounding, text: string): GroundingMetadata {
  const metadata: GroundingMetadata = {
    webSearchQueries: [...grounding.queries],
    searchEntryPoint: { renderedContent: renderedSearchEntryPoint(grounding.queries) },
  };
  if (grounding.sources.length === 0) return metadata;
  metadata.groundingChunks = grounding.sources.map((source) => ({ web: { uri: source.uri, title: source.title } }));
  if (text !== '') {
    metadata.groundingSupports = [
      {
        segment: { startIndex: 0, endIndex: Buffer.byteLength(text, 'utf8'), text },
        groundingChunkIndices: grounding.sources.map((_, index) => index),
        confidenceScores: grounding.sources.map((_, index) => Math.max(1, 9 - index) / 10),
      },
    ];
  }
  return metadata;
}

/**
 * The reply used when nothing is queued:
 * - the request has a googleSearch tool (validation lets it through only for non-Claude, non-image models, without
 *   function declarations) -> text "Hello from <model>: <last user text, max 60 chars>" grounded on the query
 *   <last user text, max 60 chars> and FAKE_SEARCH_SOURCES;
 * - last content carries functionResponse parts -> text "Tool said: <JSON of the response>";
 * - the request declares functions and the last user text contains "call <name>" -> a call to it, with the
 *   required string parameters set to "test";
 * - otherwise text "Hello from <model>: <last user text, max 60 chars>".
 * When generationConfig.thinkingConfig asks for thoughts, the reply carries a short thought (and so a signature).
 * An image model (id containing "image") always answers with no text and one image: FAKE_IMAGE_PNG_BASE64 as image/png.
 */
export function defaultReply(model: string, request: Record<string, unknown>, contents: Content[]): FakeReply {
  if (isImageModel(model)) return { kind: 'text', text: '', images: [{ mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 }] };
  const thinkingConfig = getField(getField(request, 'generation_config'), 'thinking_config');
  const wantsThoughts = getField(thinkingConfig, 'include_thoughts') === true;
  const userText = lastUserText(contents);
  const thoughts = wantsThoughts ? `Thinking about: ${Array.from(userText).slice(0, 40).join('')}` : undefined;
  const withThoughts = <T extends object>(reply: T): T => (thoughts === undefined ? reply : { ...reply, thoughts });
  const shortUserText = Array.from(userText).slice(0, 60).join('');

  if (hasGoogleSearch(request)) {
    const grounding: FakeGrounding = { queries: [shortUserText], sources: FAKE_SEARCH_SOURCES.map((source) => ({ ...source })) };
    return withThoughts({ kind: 'text', text: `Hello from ${model}: ${shortUserText}`, grounding });
  }

  const last = contents[contents.length - 1];
  const responses = (last?.parts ?? [])
    .map((part) => getField(part, 'function_response'))
    .filter((response) => response !== undefined);
  if (last?.role === 'user' && responses.length > 0) {
    const text = `Tool said: ${responses.map((response) => JSON.stringify(getField(response, 'response') ?? {})).join(' ')}`;
    return withThoughts({ kind: 'text', text });
  }

  let best: { index: number; declared: DeclaredFunction } | undefined;
  for (const declared of declaredFunctions(request)) {
    const index = userText.indexOf(`call ${declared.name}`);
    if (index !== -1 && (best === undefined || index < best.index || (index === best.index && declared.name.length > best.declared.name.length))) {
      best = { index, declared };
    }
  }
  if (best) return withThoughts({ kind: 'function-call', calls: [{ name: best.declared.name, args: argsFor(best.declared.parameters) }] });

  return withThoughts({ kind: 'text', text: `Hello from ${model}: ${shortUserText}` });
}

// ---------------------------------------------------------------------------------------------

export interface PlannedReply {
  /** Streamed events (deltas), in order. */
  events: ResponseEnvelope[];
  /** The same reply as one generateContent envelope. */
  aggregate: ResponseEnvelope;
}

type ContentReply = Extract<FakeReply, { kind: 'text' | 'function-call' | 'reset-after' | 'stall-after' }>;

interface Piece {
  part: Part;
  kind: 'thought' | 'text' | 'call' | 'image';
}

function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/**
 * Plans the events of a content reply. Signatures are issued (registered) here: Gemini function calls carry one on the
 * first call of the turn; thoughts carry one on their last piece (Claude: with the exact thinking text, for validation).
 * A text reply's `grounding` becomes `groundingMetadata` on the candidate of the last event (the one with finishReason)
 * and of the aggregate, next to `content` and `finishReason`.
 */
export function planReply(
  reply: ContentReply,
  options: { model: string; promptTokenCount: number; signatures: SignatureRegistry; fallbackText: string },
): PlannedReply {
  const { model, signatures } = options;
  const family = modelFamily(model);
  const id = responseId(model);
  const trace = traceId();

  const thoughts = reply.kind === 'text' || reply.kind === 'function-call' ? reply.thoughts : undefined;
  const text =
    reply.kind === 'text' ? reply.text : reply.kind === 'function-call' ? reply.text : (reply.text ?? options.fallbackText);
  const calls = reply.kind === 'function-call' ? reply.calls : [];
  const images = reply.kind === 'text' ? (reply.images ?? []) : [];
  const grounding = reply.kind === 'text' && reply.grounding !== undefined ? groundingMetadata(reply.grounding, text ?? '') : undefined;

  const pieces: Piece[] = [];
  let thoughtSignature: string | undefined;
  if (thoughts !== undefined) {
    const thoughtPieces = splitText(thoughts);
    const issueForThoughts = family !== 'other' && !(family === 'gemini' && calls.length > 0);
    thoughtSignature = issueForThoughts ? signatures.issue(model, thoughts) : undefined;
    thoughtPieces.forEach((piece, index) => {
      const part: Part = { text: piece, thought: true };
      if (thoughtSignature !== undefined && index === thoughtPieces.length - 1) part.thoughtSignature = thoughtSignature;
      pieces.push({ part, kind: 'thought' });
    });
  }
  if (text !== undefined && (text !== '' || (calls.length === 0 && images.length === 0))) {
    for (const piece of splitText(text)) pieces.push({ part: { text: piece }, kind: 'text' });
  }
  calls.forEach((call, index) => {
    const functionCall: Record<string, unknown> = { name: call.name, args: call.args };
    if (family === 'claude') functionCall.id = toolUseId();
    const part: Part = { functionCall };
    if (family === 'gemini' && index === 0) part.thoughtSignature = signatures.issue(model);
    pieces.push({ part, kind: 'call' });
  });
  for (const image of images) pieces.push({ part: { inlineData: { mimeType: image.mimeType, data: image.data } }, kind: 'image' });

  const finishReason =
    reply.kind === 'text' ? (reply.finishReason ?? 'STOP') : calls.length > 0 && family === 'claude' ? 'OTHER' : 'STOP';
  const usageOverride: Partial<FakeUsage> = reply.kind === 'text' ? (reply.usage ?? {}) : {};
  const promptTokenCount = usageOverride.promptTokenCount ?? options.promptTokenCount;
  const cached = usageOverride.cachedContentTokenCount;

  let thoughtChars = 0;
  let outputChars = 0;
  let imagesSent = 0;
  const totalThoughtTokens = usageOverride.thoughtsTokenCount ?? (thoughts === undefined ? undefined : tokens(Array.from(thoughts).length));
  const usageAt = (final: boolean): Record<string, number> => {
    let candidates = tokens(outputChars) + imagesSent * FAKE_IMAGE_OUTPUT_TOKENS;
    let thoughtTokens = thoughts === undefined && usageOverride.thoughtsTokenCount === undefined ? undefined : tokens(thoughtChars);
    if (final) {
      candidates = usageOverride.candidatesTokenCount ?? candidates;
      thoughtTokens = totalThoughtTokens;
    } else {
      if (usageOverride.candidatesTokenCount !== undefined) candidates = Math.min(candidates, usageOverride.candidatesTokenCount);
      if (thoughtTokens !== undefined && totalThoughtTokens !== undefined) thoughtTokens = Math.min(thoughtTokens, totalThoughtTokens);
    }
    const usage: Record<string, number> = { promptTokenCount, candidatesTokenCount: candidates };
    if (thoughtTokens !== undefined) usage.thoughtsTokenCount = thoughtTokens;
    usage.totalTokenCount = promptTokenCount + candidates + (thoughtTokens ?? 0);
    if (cached !== undefined) usage.cachedContentTokenCount = cached;
    return usage;
  };
  const envelope = (parts: Part[], usage: Record<string, number>, finish?: string): ResponseEnvelope => {
    const candidate: Candidate = { content: { role: 'model', parts } };
    if (finish !== undefined) candidate.finishReason = finish;
    if (finish !== undefined && grounding !== undefined) candidate.groundingMetadata = grounding;
    return { response: { candidates: [candidate], usageMetadata: usage, modelVersion: model, responseId: id }, traceId: trace };
  };

  const events = pieces.map((piece, index) => {
    if (piece.kind === 'image') {
      imagesSent += 1;
    } else {
      const chars = piece.kind === 'call' ? JSON.stringify(piece.part).length : Array.from(String(piece.part.text)).length;
      if (piece.kind === 'thought') thoughtChars += chars;
      else outputChars += chars;
    }
    const final = index === pieces.length - 1;
    return envelope([piece.part], usageAt(final), final && reply.kind !== 'reset-after' && reply.kind !== 'stall-after' ? finishReason : undefined);
  });

  // Non-streaming: thoughts folded into one part (signature on it), text into one part, then the calls, then the images.
  const aggregateParts: Part[] = [];
  if (thoughts !== undefined) {
    const part: Part = { text: thoughts, thought: true };
    if (thoughtSignature !== undefined) part.thoughtSignature = thoughtSignature;
    aggregateParts.push(part);
  }
  const textPieces = pieces.filter((piece) => piece.kind === 'text');
  if (textPieces.length > 0) aggregateParts.push({ text: textPieces.map((piece) => piece.part.text).join('') });
  for (const piece of pieces) if (piece.kind === 'call') aggregateParts.push(piece.part);
  for (const piece of pieces) if (piece.kind === 'image') aggregateParts.push(piece.part);
  const aggregate = envelope(aggregateParts, usageAt(true), finishReason);

  return { events, aggregate };
}

/** An envelope with no candidates (what `kind: 'empty'` looks like on the non-streaming method). */
export function emptyEnvelope(model: string, promptTokenCount: number): ResponseEnvelope {
  return {
    response: {
      usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount },
      modelVersion: model,
      responseId: responseId(model),
    },
    traceId: traceId(),
  };
}
