/**
 * What the fake rejects on generateContent / streamGenerateContent / countTokens, in the order a
 * real request meets the checks: proto-JSON parsing (fake-google-proto.ts), required envelope
 * fields, model lookup (404), content/tool rules (incl. which models take Google Search grounding), imageConfig values and
 * image-model limits (no tools, no thinking),
 * Claude's budget rule, thought signatures (§14).
 */
import { fieldViolationsError, invalidArgumentError, notFoundError } from './fake-google-errors.js';
import {
  checkProtoJson,
  countTokensEnvelopeDescriptor,
  generateEnvelopeDescriptor,
  getField,
  isPlainObject,
} from './fake-google-proto.js';
import { isGemini3, isImageModel, modelFamily, SKIP_THOUGHT_SIGNATURE, type SignatureRegistry } from './fake-google-signatures.js';
import type { FakeErrorReply } from './fake-google-types.js';
import { anthropicInvalidRequest } from './fake-google-rules/anthropic-invalid-request.js';
import { checkClaudeConversation } from './fake-google-rules/claude-conversation-rules.js';
import { checkClaudeThinking } from './fake-google-rules/claude-thinking-rules.js';
import { checkEmptyText } from './fake-google-rules/empty-text-rule.js';
import { checkGeminiFunctionTurns } from './fake-google-rules/gemini-function-turn-rules.js';
import { checkGeminiThinking } from './fake-google-rules/gemini-thinking-rules.js';
import { checkOutputTokenLimit } from './fake-google-rules/output-token-limits.js';

export { anthropicInvalidRequest };

export interface ValidationContext {
  /** Models the calling account may use. */
  knownModels: ReadonlySet<string>;
  /** Only its lookup is used (the goldens test passes a registry that trusts the signatures a golden carries). */
  signatures: Pick<SignatureRegistry, 'lookup'>;
}

export type Part = Record<string, unknown>;
export interface Content {
  role?: unknown;
  parts: Part[];
}

export interface ValidGenerateRequest {
  model: string;
  envelope: Record<string, unknown>;
  request: Record<string, unknown>;
  contents: Content[];
}

const DATA_FIELDS = ['text', 'inline_data', 'file_data', 'function_call', 'function_response', 'executable_code', 'code_execution_result'];

export const MISSING_SIGNATURE_MESSAGE = (functionName: string, position: number): string =>
  'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, ' +
  'and missing thought_signature may lead to degraded model performance. Additional data, function call ' +
  `\`default_api:${functionName}\` , position ${position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;

export const CORRUPTED_SIGNATURE_MESSAGE = 'Corrupted thought signature.';

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

export function hasData(part: Part): boolean {
  return DATA_FIELDS.some((name) => getField(part, name) !== undefined);
}

function asContents(input: unknown): Content[] {
  if (!Array.isArray(input)) return [];
  return input.map((entry) => {
    const parts = getField(entry, 'parts');
    return { role: getField(entry, 'role'), parts: Array.isArray(parts) ? parts.filter(isPlainObject) : [] };
  });
}

function asNumber(input: unknown): number | undefined {
  if (typeof input === 'number') return input;
  if (typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) return Number(input);
  return undefined;
}

function checkParts(parts: Part[], path: string): FakeErrorReply | undefined {
  for (const [index, part] of parts.entries()) {
    if (!hasData(part)) {
      return invalidArgumentError(`* GenerateContentRequest.${path}[${index}].data: required oneof field 'data' must have one initialized field`);
    }
  }
  return undefined;
}

function checkContents(contents: Content[]): FakeErrorReply | undefined {
  if (contents.length === 0) return invalidArgumentError('* GenerateContentRequest.contents: contents is not specified');
  for (const [index, content] of contents.entries()) {
    if (content.role !== 'user' && content.role !== 'model') return invalidArgumentError('Please use a valid role: user, model.');
    if (content.parts.length === 0) {
      return invalidArgumentError(`* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`);
    }
    const partError = checkParts(content.parts, `contents[${index}].parts`);
    if (partError) return partError;
  }
  return undefined;
}

function checkTools(request: Record<string, unknown>): FakeErrorReply | undefined {
  const tools = getField(request, 'tools');
  if (!Array.isArray(tools)) return undefined;
  const seen = new Set<string>();
  let hasFunctions = false;
  let hasOtherTools = false;
  for (const [toolIndex, tool] of tools.entries()) {
    if (!isPlainObject(tool)) continue;
    for (const key of Object.keys(tool)) {
      if (key === 'functionDeclarations' || key === 'function_declarations') continue;
      if (tool[key] !== null && tool[key] !== undefined) hasOtherTools = true;
    }
    const declarations = getField(tool, 'function_declarations');
    if (!Array.isArray(declarations)) continue;
    for (const [index, declaration] of declarations.entries()) {
      hasFunctions = true;
      const name = getField(declaration, 'name');
      if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
        return invalidArgumentError(
          `* GenerateContentRequest.tools[${toolIndex}].function_declarations[${index}].name: Invalid function name. ` +
            'Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:) ' +
            'or dashes (-), with a maximum length of 64.',
        );
      }
      if (seen.has(name)) return invalidArgumentError(`Duplicate function declaration found: ${name}`);
      seen.add(name);
    }
  }
  if (hasFunctions && hasOtherTools) return invalidArgumentError('Multiple tools are supported only when they are all search tools.');
  return undefined;
}

/** Whether `request.tools` has a Google Search tool (`{"googleSearch": {}}` / `{"google_search": {}}`). */
export function hasGoogleSearch(request: Record<string, unknown>): boolean {
  const tools = getField(request, 'tools');
  return Array.isArray(tools) && tools.some((tool) => getField(tool, 'google_search') !== undefined);
}

export const SEARCH_GROUNDING_MESSAGE = (model: string): string => `Search grounding is not supported for model ${model}.`;

/**
 * Google Search grounding is a Gemini feature: Claude models and image models reject a googleSearch tool. Runs after
 * checkTools (so search is never mixed with function declarations here) and before the image-model check.
 */
function checkSearchGrounding(model: string, request: Record<string, unknown>): FakeErrorReply | undefined {
  if (!hasGoogleSearch(request)) return undefined;
  if (modelFamily(model) === 'claude' || isImageModel(model)) return invalidArgumentError(SEARCH_GROUNDING_MESSAGE(model));
  return undefined;
}

/** Values generationConfig.imageConfig accepts (case-sensitive: '1k' is rejected like the real API does). */
export const IMAGE_ASPECT_RATIOS: readonly string[] = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
export const IMAGE_SIZES: readonly string[] = ['1K', '2K', '4K'];

export const IMAGE_TOOLS_MESSAGE = (model: string): string => `Function calling is not enabled for models/${model}`;
export const IMAGE_THINKING_MESSAGE = 'Thinking is not supported for this model.';

function oneOf(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  return `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}`;
}

/** imageConfig is typed as a Struct by the proto check; its two fields are enums in disguise, checked for every model. */
function checkImageConfig(request: Record<string, unknown>): FakeErrorReply | undefined {
  const imageConfig = getField(getField(request, 'generation_config'), 'image_config');
  if (!isPlainObject(imageConfig)) return undefined;
  for (const [field, allowed] of [
    ['aspect_ratio', IMAGE_ASPECT_RATIOS],
    ['image_size', IMAGE_SIZES],
  ] as const) {
    const value = getField(imageConfig, field);
    if (value === undefined || (typeof value === 'string' && allowed.includes(value))) continue;
    return invalidArgumentError(`* GenerateContentRequest.generation_config.image_config.${field}: ${field} must be one of ${oneOf(allowed)}.`);
  }
  return undefined;
}

/**
 * Image models take neither tools nor thinking (§13). An empty `tools` list is absent in proto, so it passes. (A
 * googleSearch tool is already rejected by checkSearchGrounding, with its own message.)
 */
function checkImageModel(model: string, request: Record<string, unknown>): FakeErrorReply | undefined {
  const tools = getField(request, 'tools');
  if (Array.isArray(tools) && tools.length > 0) return invalidArgumentError(IMAGE_TOOLS_MESSAGE(model));
  if (getField(getField(request, 'generation_config'), 'thinking_config') !== undefined) {
    return invalidArgumentError(IMAGE_THINKING_MESSAGE);
  }
  return undefined;
}

function checkClaudeBudget(request: Record<string, unknown>): FakeErrorReply | undefined {
  const generationConfig = getField(request, 'generation_config');
  const thinkingConfig = getField(generationConfig, 'thinking_config');
  const budget = asNumber(getField(thinkingConfig, 'thinking_budget'));
  const maxOutputTokens = asNumber(getField(generationConfig, 'max_output_tokens'));
  if (budget === undefined || maxOutputTokens === undefined || budget <= 0) return undefined;
  if (budget >= maxOutputTokens) {
    return anthropicInvalidRequest(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at ' +
        'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  }
  return undefined;
}

function isActiveLoopStart(content: Content): boolean {
  return (
    content.role === 'user' &&
    content.parts.some((part) => typeof getField(part, 'text') === 'string' && getField(part, 'thought') !== true) &&
    !content.parts.some((part) => getField(part, 'function_response') !== undefined)
  );
}

function checkGeminiSignatures(model: string, contents: Content[], signatures: ValidationContext['signatures']): FakeErrorReply | undefined {
  // Any signature present must be one a Gemini model issued (or the sentinel): Claude's do not cross families (§14).
  for (const content of contents) {
    for (const part of content.parts) {
      const signature = getField(part, 'thought_signature');
      if (typeof signature !== 'string' || signature === SKIP_THOUGHT_SIGNATURE) continue;
      if (signatures.lookup(signature)?.family !== 'gemini') return invalidArgumentError(CORRUPTED_SIGNATURE_MESSAGE);
    }
  }
  if (!isGemini3(model)) return undefined;
  let start = -1;
  for (let index = contents.length - 1; index >= 0; index--) {
    if (isActiveLoopStart(contents[index]!)) {
      start = index;
      break;
    }
  }
  if (start === -1) return undefined;
  for (let index = start + 1; index < contents.length; index++) {
    const content = contents[index]!;
    if (content.role !== 'model') continue;
    const firstCall = content.parts.find((part) => getField(part, 'function_call') !== undefined);
    if (!firstCall) continue;
    const signature = getField(firstCall, 'thought_signature');
    if (typeof signature !== 'string' || signature === '') {
      const name = getField(getField(firstCall, 'function_call'), 'name');
      return invalidArgumentError(MISSING_SIGNATURE_MESSAGE(typeof name === 'string' ? name : '', index + 1));
    }
  }
  return undefined;
}

function checkClaudeSignatures(contents: Content[], signatures: ValidationContext['signatures']): FakeErrorReply | undefined {
  const invalid = (contentIndex: number, partIndex: number): FakeErrorReply =>
    anthropicInvalidRequest(`messages.${contentIndex}.content.${partIndex}: Invalid \`signature\` in \`thinking\` block`);
  for (const [contentIndex, content] of contents.entries()) {
    if (content.role !== 'model') continue;
    // A thinking block may come back as one part or as its streamed pieces: a run of thought parts closed by the signed one.
    let runText = '';
    let runStart = -1;
    for (const [partIndex, part] of content.parts.entries()) {
      if (getField(part, 'thought') !== true) {
        if (runStart !== -1) return invalid(contentIndex, runStart);
        continue;
      }
      if (runStart === -1) runStart = partIndex;
      const text = getField(part, 'text');
      runText += typeof text === 'string' ? text : '';
      const signature = getField(part, 'thought_signature');
      if (typeof signature !== 'string' || signature === '') continue;
      const issued = signatures.lookup(signature);
      if (!issued || issued.family !== 'claude' || issued.thinking !== runText) return invalid(contentIndex, runStart);
      runText = '';
      runStart = -1;
    }
    if (runStart !== -1) return invalid(contentIndex, runStart);
  }
  return undefined;
}

/** Returns the error reply the real API would send, or the request's pieces when it would be accepted. */
export function validateGenerateEnvelope(body: unknown, context: ValidationContext): FakeErrorReply | ValidGenerateRequest {
  const violations = checkProtoJson(body, generateEnvelopeDescriptor);
  if (violations.length > 0) return fieldViolationsError(violations);
  const envelope = body as Record<string, unknown>;
  const model = getField(envelope, 'model');
  const request = getField(envelope, 'request');
  if (typeof model !== 'string' || model === '' || !isPlainObject(request)) {
    return invalidArgumentError('Request contains an invalid argument.');
  }
  if (!context.knownModels.has(model)) return notFoundError(model);

  const contents = asContents(getField(request, 'contents'));
  const contentError = checkContents(contents);
  if (contentError) return contentError;
  const systemInstruction = getField(request, 'system_instruction');
  const systemParts = systemInstruction === undefined ? [] : (asContents([systemInstruction])[0]?.parts ?? []);
  const systemError = checkParts(systemParts, 'system_instruction.parts');
  if (systemError) return systemError;
  const emptyTextError = checkEmptyText([...contents.map((content) => content.parts), systemParts]);
  if (emptyTextError) return emptyTextError;
  const toolError = checkTools(request);
  if (toolError) return toolError;
  const searchError = checkSearchGrounding(model, request);
  if (searchError) return searchError;
  const imageConfigError = checkImageConfig(request);
  if (imageConfigError) return imageConfigError;
  if (isImageModel(model)) {
    const imageModelError = checkImageModel(model, request);
    if (imageModelError) return imageModelError;
  }
  const outputLimitError = checkOutputTokenLimit(model, request);
  if (outputLimitError) return outputLimitError;

  // Model rules live in fake-google-rules/ (one file per family and concern).
  const family = modelFamily(model);
  if (family === 'claude') {
    const ruleError = checkClaudeConversation(contents) ?? checkClaudeThinking(request, contents);
    if (ruleError) return ruleError;
    const budgetError = checkClaudeBudget(request);
    if (budgetError) return budgetError;
    const signatureError = checkClaudeSignatures(contents, context.signatures);
    if (signatureError) return signatureError;
  } else if (family === 'gemini') {
    const ruleError = checkGeminiThinking(model, request) ?? checkGeminiFunctionTurns(contents);
    if (ruleError) return ruleError;
    const signatureError = checkGeminiSignatures(model, contents, context.signatures);
    if (signatureError) return signatureError;
  }
  return { model, envelope, request, contents };
}

export function validateCountTokens(
  body: unknown,
  context: Pick<ValidationContext, 'knownModels'>,
): FakeErrorReply | { model: string; contents: Content[] } {
  const violations = checkProtoJson(body, countTokensEnvelopeDescriptor);
  if (violations.length > 0) return fieldViolationsError(violations);
  const request = getField(body, 'request');
  const model = getField(request, 'model');
  if (typeof model !== 'string' || model === '') return invalidArgumentError('Request contains an invalid argument.');
  const modelId = model.replace(/^models\//, '');
  if (!context.knownModels.has(modelId)) return notFoundError(modelId);
  const contents = asContents(getField(request, 'contents'));
  for (const [index, content] of contents.entries()) {
    const partError = checkParts(content.parts, `contents[${index}].parts`);
    if (partError) return partError;
  }
  return { model: modelId, contents };
}
