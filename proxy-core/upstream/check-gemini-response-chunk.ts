/**
 * The shape check of one streamed `response` object, written out by hand: it runs on every SSE
 * event, where `geminiResponseChunkSchema.safeParse` cost more than the rest of the decoding
 * (zod copies every level of a loose object). It accepts and refuses exactly what that schema
 * does (fields it does not name pass through untouched; a named field of the wrong type is
 * refused), and leaves the value as it is instead of copying it. The schema stays the
 * reference; check-gemini-response-chunk.test.ts holds the two together.
 */
import type { GeminiResponseChunk } from '../canonical/gemini-schemas.js';

type Problem = string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const optionalNumber = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));
const optionalBoolean = (value: unknown): boolean => value === undefined || typeof value === 'boolean';
/** `z.record(z.string(), z.unknown())`: a plain object. */
const isRecord = (value: unknown): boolean => isObject(value);

const usageFields = ['promptTokenCount', 'candidatesTokenCount', 'thoughtsTokenCount', 'totalTokenCount', 'cachedContentTokenCount'] as const;

// Problems are relative to the value checked (`.text: expected string`); the caller puts the
// path in front only when there is one, so a valid chunk builds no strings.

function checkPart(part: unknown): Problem {
  if (!isObject(part)) return ': expected object';
  if (!optionalString(part.text)) return '.text: expected string';
  if (!optionalBoolean(part.thought)) return '.thought: expected boolean';
  if (!optionalString(part.thoughtSignature)) return '.thoughtSignature: expected string';
  const { inlineData, fileData, functionCall, functionResponse } = part;
  if (inlineData !== undefined) {
    if (!isObject(inlineData)) return '.inlineData: expected object';
    if (typeof inlineData.mimeType !== 'string') return '.inlineData.mimeType: expected string';
    if (typeof inlineData.data !== 'string') return '.inlineData.data: expected string';
  }
  if (fileData !== undefined) {
    if (!isObject(fileData)) return '.fileData: expected object';
    if (!optionalString(fileData.mimeType)) return '.fileData.mimeType: expected string';
    if (typeof fileData.fileUri !== 'string') return '.fileData.fileUri: expected string';
  }
  if (functionCall !== undefined) {
    if (!isObject(functionCall)) return '.functionCall: expected object';
    if (typeof functionCall.name !== 'string') return '.functionCall.name: expected string';
    if (functionCall.args !== undefined && !isRecord(functionCall.args)) return '.functionCall.args: expected record';
    if (!optionalString(functionCall.id)) return '.functionCall.id: expected string';
  }
  if (functionResponse !== undefined) {
    if (!isObject(functionResponse)) return '.functionResponse: expected object';
    if (typeof functionResponse.name !== 'string') return '.functionResponse.name: expected string';
    if (!isRecord(functionResponse.response)) return '.functionResponse.response: expected record';
    if (!optionalString(functionResponse.id)) return '.functionResponse.id: expected string';
  }
  return undefined;
}

function checkCandidate(candidate: unknown): Problem {
  if (!isObject(candidate)) return ': expected object';
  const content = candidate.content;
  if (content !== undefined) {
    if (!isObject(content)) return '.content: expected object';
    if (!optionalString(content.role)) return '.content.role: expected string';
    const parts = content.parts;
    if (parts !== undefined) {
      if (!Array.isArray(parts)) return '.content.parts: expected array';
      for (let index = 0; index < parts.length; index += 1) {
        const problem = checkPart(parts[index]);
        if (problem !== undefined) return `.content.parts[${index}]${problem}`;
      }
    }
  }
  if (!optionalString(candidate.finishReason)) return '.finishReason: expected string';
  if (!optionalNumber(candidate.index)) return '.index: expected number';
  if (candidate.groundingMetadata !== undefined) {
    const problem = checkGroundingMetadata(candidate.groundingMetadata);
    if (problem !== undefined) return `.groundingMetadata${problem}`;
  }
  return undefined;
}

function checkGroundingMetadata(metadata: unknown): Problem {
  if (!isObject(metadata)) return ': expected object';
  const { webSearchQueries, groundingChunks } = metadata;
  if (webSearchQueries !== undefined) {
    if (!Array.isArray(webSearchQueries)) return '.webSearchQueries: expected array';
    for (let index = 0; index < webSearchQueries.length; index += 1) {
      if (typeof webSearchQueries[index] !== 'string') return `.webSearchQueries[${index}]: expected string`;
    }
  }
  if (groundingChunks !== undefined) {
    if (!Array.isArray(groundingChunks)) return '.groundingChunks: expected array';
    for (let index = 0; index < groundingChunks.length; index += 1) {
      const chunk: unknown = groundingChunks[index];
      if (!isObject(chunk)) return `.groundingChunks[${index}]: expected object`;
      const web = chunk.web;
      if (web === undefined) continue;
      if (!isObject(web)) return `.groundingChunks[${index}].web: expected object`;
      if (!optionalString(web.uri)) return `.groundingChunks[${index}].web.uri: expected string`;
      if (!optionalString(web.title)) return `.groundingChunks[${index}].web.title: expected string`;
    }
  }
  return undefined;
}

/** Why `value` is not a streamed response chunk, or undefined when it is one. */
export function findResponseChunkProblem(value: unknown): Problem {
  if (!isObject(value)) return 'expected object';
  const { candidates, usageMetadata, promptFeedback } = value;
  if (candidates !== undefined) {
    if (!Array.isArray(candidates)) return 'candidates: expected array';
    for (let index = 0; index < candidates.length; index += 1) {
      const problem = checkCandidate(candidates[index]);
      if (problem !== undefined) return `candidates[${index}]${problem}`;
    }
  }
  if (usageMetadata !== undefined) {
    if (!isObject(usageMetadata)) return 'usageMetadata: expected object';
    for (const field of usageFields) if (!optionalNumber(usageMetadata[field])) return `usageMetadata.${field}: expected number`;
  }
  if (!optionalString(value.modelVersion)) return 'modelVersion: expected string';
  if (!optionalString(value.responseId)) return 'responseId: expected string';
  if (promptFeedback !== undefined) {
    if (!isObject(promptFeedback)) return 'promptFeedback: expected object';
    if (!optionalString(promptFeedback.blockReason)) return 'promptFeedback.blockReason: expected string';
  }
  return undefined;
}

export function isResponseChunk(value: unknown): value is GeminiResponseChunk {
  return findResponseChunkProblem(value) === undefined;
}
