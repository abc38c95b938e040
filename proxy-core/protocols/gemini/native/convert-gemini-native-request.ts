/**
 * A Gemini API request body (https://ai.google.dev/api/generate-content#request-body) -> the
 * `request` of the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4). The shapes are the same, so
 * the body goes through almost as is (ANCHOR-ANTIGRAVITY-MANAGER.md §8.3), with what the
 * upstream needs on top:
 * - tool schemas cleaned to the subset Cloud Code accepts (`parametersJsonSchema` too);
 * - thought signatures: kept when the client sent them back, dropped when another model family
 *   issued them, and put back from the cache (or Gemini's skip value) when missing;
 * - function call ids: Claude pairs calls and results by id, so missing ones are filled in
 *   (results take the id of the call they answer, by name); Gemini pairs by position and gets none;
 * - past thoughts only for Claude, and only signed ones (UPSTREAM-PROTOCOL.md §14);
 * - thinking: `thinkingLevel` / `thinkingBudget` translated for the target model, and the
 *   upstream always asked for thoughts (their signatures are remembered); the client sees them
 *   only with `includeThoughts`;
 * - safety settings OFF (the client's are replaced), like every other route.
 * - `googleSearch` grounding passed on (on a Gemini model: a search for another model runs on
 *   the search model, which mapping/resolve-target.ts chose); its `groundingMetadata` comes back as it came.
 *   Next to function declarations, which the upstream does not combine with it, the search is
 *   dropped with a warning and the functions are served, as in every other protocol (Cline's
 *   Gemini provider sends `googleSearch` beside its tools on every request).
 * Fields the upstream cannot serve are a 400 (`cachedContent`, other non-function tools such as
 * `codeExecution`); unknown generation settings are dropped with a warning.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { resolveModelFamily, type ModelFamily } from '../../../signatures/model-family.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';
import { appendGeminiTurn } from '../../shared/append-gemini-turn.js';
import { attachThoughtSignatures } from '../../shared/attach-thought-signatures.js';
import { dropConflictingClaudeThinking } from '../../shared/find-claude-thinking-conflict.js';
import { hasText } from '../../shared/has-text.js';
import { prepareMaxOutputTokens } from '../../shared/prepare-max-output-tokens.js';
import { findOutputTokenLimit } from '../gemini-output-token-limit.js';
import { prepareResponseSchema } from '../../shared/prepare-response-schema.js';
import { prepareSamplingConfig } from '../../shared/prepare-sampling-config.js';
import { prepareToolParameters } from '../../shared/prepare-tool-parameters.js';
import type { GeminiContent, GeminiFunctionDeclaration, GeminiGenerateContentRequest, GeminiGenerationConfig, GeminiPart, GeminiToolConfig } from '../../../canonical/gemini-schemas.js';
import { resolveThinkingConfig, type ResolvedThinkingConfig } from '../resolve-thinking-config.js';
import { assembleGeminiRequest } from '../../shared/assemble-gemini-request.js';
import type { GeminiNativeContent, GeminiNativeGenerateRequest } from './gemini-native-request-schema.js';
import type { ResolvedTarget } from '../../../mapping/resolve-target.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertedGeminiNativeRequest {
  request: GeminiGenerateContentRequest;
  /** `thinkingConfig.includeThoughts`: whether thought parts go back to the client. */
  includeThoughts: boolean;
  warnings: ConversionWarning[];
}

const readGenerationFields = new Set([
  'temperature', 'topP', 'topK', 'candidateCount', 'maxOutputTokens', 'stopSequences', 'presencePenalty',
  'frequencyPenalty', 'seed', 'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig', 'imageConfig',
]);

export function convertGeminiNativeRequest(
  body: GeminiNativeGenerateRequest,
  /** `target`: what the request calls and whether it searches, decided before conversion (mapping/resolve-target.ts). */
  context: { target: Pick<ResolvedTarget, 'model' | 'webSearch'>; signatures: SignatureCache },
): ConvertedGeminiNativeRequest {
  const warnings: ConversionWarning[] = [];
  const search = asksGoogleSearch(body, context.target.webSearch, warnings);
  const upstreamModel = context.target.model;
  const family = resolveModelFamily(upstreamModel);
  if (body.cachedContent !== undefined) {
    throw new GatewayError('invalid_request', `Invalid 'cachedContent': cached contents are not supported; send the contents instead.`, { param: 'cachedContent' });
  }
  if (body.safetySettings !== undefined) warnings.push(conversionWarning('field_ignored', 'safetySettings replaced: the gateway turns every safety filter off'));

  const contents = convertGeminiNativeContents(body.contents, { family, signatures: context.signatures }, warnings);
  const systemInstruction = convertSystemInstruction(body.systemInstruction, warnings);
  const { tools, toolConfig } = search ? { tools: [{ googleSearch: {} }], toolConfig: undefined } : prepareTools(body, family, warnings);

  const generation = body.generationConfig ?? {};
  for (const key of Object.keys(generation)) if (!readGenerationFields.has(key)) warnings.push(conversionWarning('field_ignored', `generationConfig.${key} is not supported; dropped`));
  const thinking = dropConflictingClaudeThinking(resolveGeminiNativeThinking(upstreamModel, generation.thinkingConfig), {
    family,
    contents: contents,
    mode: toolConfig?.functionCallingConfig.mode,
  });
  warnings.push(...thinking.warnings);
  const { thinkingConfig, minOutputTokens } = thinking;
  const claudeThinking = family === 'claude' && thinkingConfig?.thinkingBudget !== undefined;
  const generationConfig: GeminiGenerationConfig = prepareSamplingConfig(
    { temperature: generation.temperature, topP: generation.topP, topK: generation.topK },
    { claudeThinking },
    warnings,
  );
  const maxOutputTokens = prepareMaxOutputTokens(
    generation.maxOutputTokens,
    minOutputTokens,
    'maxOutputTokens',
    warnings,
    findOutputTokenLimit(upstreamModel),
  );
  if (maxOutputTokens !== undefined) generationConfig.maxOutputTokens = maxOutputTokens;
  if (generation.stopSequences !== undefined && generation.stopSequences.length > 0) generationConfig.stopSequences = generation.stopSequences;
  if (generation.presencePenalty !== undefined) generationConfig.presencePenalty = generation.presencePenalty;
  if (generation.frequencyPenalty !== undefined) generationConfig.frequencyPenalty = generation.frequencyPenalty;
  if (generation.seed !== undefined) generationConfig.seed = generation.seed;
  if (generation.responseMimeType !== undefined) generationConfig.responseMimeType = generation.responseMimeType;
  const schemaField = generation.responseJsonSchema !== undefined ? 'responseJsonSchema' : 'responseSchema';
  const responseSchema = generation.responseJsonSchema ?? generation.responseSchema;
  if (responseSchema !== undefined) {
    const cleaned = prepareResponseSchema(lowerCaseRootType(responseSchema), `generationConfig.${schemaField}`);
    warnings.push(...cleaned.warnings.map((warning) => conversionWarning('schema_simplified', `generationConfig.${schemaField}: ${warning}`)));
    generationConfig.responseSchema = cleaned.schema;
  }
  if (thinkingConfig !== undefined) generationConfig.thinkingConfig = thinkingConfig;
  // The shape and size of a generated image (image models); only the two fields Cloud Code takes.
  const { aspectRatio, imageSize } = generation.imageConfig ?? {};
  if (aspectRatio !== undefined || imageSize !== undefined) {
    generationConfig.imageConfig = { ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
  }

  return {
    request: assembleGeminiRequest({ contents, systemInstruction, tools, toolConfig, generationConfig }),
    includeThoughts: generation.thinkingConfig?.includeThoughts === true,
    warnings,
  };
}

/** The client's history in upstream form. */
function convertGeminiNativeContents(
  source: GeminiNativeContent[],
  context: { family: ModelFamily; signatures: SignatureCache },
  warnings: ConversionWarning[],
): GeminiContent[] {
  const { family, signatures } = context;
  const contents: GeminiContent[] = [];
  const callIds = new Map<GeminiPart, string>();
  /** Calls of the last model turn still waiting for their result, for Claude's id pairing. */
  let openCalls: Array<{ name: string; id: string }> = [];
  let droppedThoughts = 0;

  source.forEach((content, contentIndex) => {
    const role = content.role === 'model' ? 'model' : 'user';
    if (role === 'model') openCalls = [];
    const parts: GeminiPart[] = [];
    content.parts.forEach((part, partIndex) => {
      const path = `contents[${contentIndex}].parts[${partIndex}]`;
      let signature = role === 'model' ? part.thoughtSignature : undefined;
      const issuer = signature === undefined ? undefined : signatures.lookupFamily(signature);
      if (issuer !== undefined && issuer !== family) signature = undefined;
      if (part.thought === true) {
        if (family === 'claude' && signature !== undefined) {
          parts.push({ thought: true, text: part.text ?? '', thoughtSignature: signature });
        } else droppedThoughts += 1;
        return;
      }
      const converted = convertPart(part, { family, role, partId: `${contentIndex}_${partIndex}`, openCalls, callIds });
      if (converted === undefined) return;
      if (converted.text !== undefined && !hasText(converted.text) && signature === undefined) {
        warnings.push(conversionWarning('content_dropped', `${path}: empty text dropped`));
        return;
      }
      parts.push(signature === undefined ? converted : { ...converted, thoughtSignature: signature });
    });
    appendGeminiTurn(contents, role, parts);
  });
  if (droppedThoughts > 0) {
    warnings.push(conversionWarning('thinking_dropped', `${droppedThoughts} past thought part(s) not sent: ${family === 'claude' ? 'unsigned or signed by another model family' : 'only Claude takes past thoughts'}`));
  }
  return attachThoughtSignatures(contents, { callIds, family, signatures });
}

function convertPart(
  part: GeminiNativeContent['parts'][number],
  context: { family: ModelFamily; role: 'user' | 'model'; partId: string; openCalls: Array<{ name: string; id: string }>; callIds: Map<GeminiPart, string> },
): GeminiPart | undefined {
  const claude = context.family === 'claude';
  if (part.functionCall !== undefined) {
    const id = part.functionCall.id ?? (claude ? `toolu_skyport_${context.partId}` : undefined);
    const converted: GeminiPart = { functionCall: { name: part.functionCall.name, args: part.functionCall.args ?? {}, ...(claude && id ? { id } : {}) } };
    if (id !== undefined) {
      context.callIds.set(converted, id);
      context.openCalls.push({ name: part.functionCall.name, id });
    }
    return converted;
  }
  if (part.functionResponse !== undefined) {
    const { name, response } = part.functionResponse;
    const given = part.functionResponse.id;
    const answered = context.openCalls.findIndex((call) => (given !== undefined ? call.id === given : call.name === name));
    const id = given ?? (answered === -1 ? undefined : context.openCalls[answered]?.id);
    if (answered !== -1) context.openCalls.splice(answered, 1);
    return { functionResponse: { name, response, ...(claude && id ? { id } : {}) } };
  }
  if (part.inlineData !== undefined) return { inlineData: { mimeType: part.inlineData.mimeType, data: part.inlineData.data } };
  if (part.fileData !== undefined) {
    return { fileData: { fileUri: part.fileData.fileUri, ...(part.fileData.mimeType ? { mimeType: part.fileData.mimeType } : {}) } };
  }
  return part.text === undefined ? undefined : { text: part.text };
}

function convertSystemInstruction(
  instruction: GeminiNativeGenerateRequest['systemInstruction'],
  warnings: ConversionWarning[],
): GeminiGenerateContentRequest['systemInstruction'] {
  if (instruction === undefined) return undefined;
  const parts = typeof instruction === 'string' ? [{ text: instruction }] : instruction.parts;
  const texts = parts.flatMap((part) => (part.text !== undefined && hasText(part.text) ? [{ text: part.text }] : []));
  if (texts.length < parts.length) warnings.push(conversionWarning('content_dropped', 'systemInstruction: only text parts are kept'));
  return texts.length > 0 ? { role: 'user', parts: texts } : undefined;
}

const searchToolKeys = new Set(['googleSearch', 'google_search']);

/**
 * Whether to ground with Google Search: the tools ask for it, or `byName`, a model name ending in
 * `-online`. Next to function declarations the search is left out with a warning (the upstream
 * refuses the pair); any other kind of tool is refused.
 */
function asksGoogleSearch(body: GeminiNativeGenerateRequest, byName: boolean, warnings: ConversionWarning[]): boolean {
  let search = false;
  let functions = false;
  (body.tools ?? []).forEach((tool, toolIndex) => {
    for (const [key, value] of Object.entries(tool)) {
      if (value == null) continue;
      if (searchToolKeys.has(key)) search = true;
      else if (key === 'functionDeclarations') functions ||= Array.isArray(value) && value.length > 0;
      else {
        throw new GatewayError('invalid_request', `Invalid 'tools[${toolIndex}].${key}': only functionDeclarations and googleSearch tools are supported through this gateway.`, {
          param: `tools[${toolIndex}].${key}`,
        });
      }
    }
  });
  if ((search || byName) && functions) {
    warnings.push(conversionWarning('web_search_dropped', 'web search dropped: the upstream cannot search the web and call functions in one request'));
    return false;
  }
  return search || byName;
}

function prepareTools(
  body: GeminiNativeGenerateRequest,
  family: ModelFamily,
  warnings: ConversionWarning[],
): { tools?: GeminiGenerateContentRequest['tools']; toolConfig?: GeminiToolConfig } {
  const declarations: GeminiFunctionDeclaration[] = [];
  // Other kinds of tool were refused by asksGoogleSearch.
  (body.tools ?? []).forEach((tool, toolIndex) => {
    (tool.functionDeclarations ?? []).forEach((declaration, index) => {
      const path = `tools[${toolIndex}].functionDeclarations[${index}]`;
      const field = declaration.parametersJsonSchema !== undefined ? 'parametersJsonSchema' : 'parameters';
      const schema = declaration.parametersJsonSchema ?? declaration.parameters;
      const parameters = prepareToolParameters(
        { parameters: schema === undefined ? undefined : lowerCaseRootType(schema), param: `${path}.${field}`, toolName: declaration.name },
        warnings,
      );
      for (const key of Object.keys(declaration)) {
        if (!['name', 'description', 'parameters', 'parametersJsonSchema'].includes(key)) warnings.push(conversionWarning('field_ignored', `${path}.${key} is not supported; dropped`));
      }
      declarations.push({ name: declaration.name, ...(declaration.description ? { description: declaration.description } : {}), parameters });
    });
  });
  if (declarations.length === 0) return {};

  const config = body.toolConfig?.functionCallingConfig;
  const mode = config?.mode === undefined || config.mode === 'MODE_UNSPECIFIED' ? (family === 'claude' ? 'VALIDATED' : 'AUTO') : config.mode;
  const allowed = config?.allowedFunctionNames;
  return {
    tools: [{ functionDeclarations: declarations }],
    toolConfig: { functionCallingConfig: { mode, ...(allowed !== undefined && allowed.length > 0 ? { allowedFunctionNames: allowed } : {}) } },
  };
}

/** Gemini's OpenAPI-style schemas spell types in capitals (`OBJECT`); the cleaner reads JSON Schema. */
function lowerCaseRootType(schema: Record<string, unknown>): Record<string, unknown> {
  return typeof schema.type === 'string' ? { ...schema, type: schema.type.toLowerCase() } : schema;
}

/**
 * `thinkingLevel` (Gemini 3) or `thinkingBudget` (Gemini 2.5, Claude) -> the target model's own
 * setting (resolve-thinking-config.ts): a budget of 0 turns thinking off where the model can,
 * -1 ("dynamic") and no setting leave the model's default depth.
 */
function resolveGeminiNativeThinking(
  upstreamModel: string,
  thinking: NonNullable<GeminiNativeGenerateRequest['generationConfig']>['thinkingConfig'],
): ResolvedThinkingConfig {
  const level = thinking?.thinkingLevel;
  if (level !== undefined && level !== 'thinking_level_unspecified') return resolveThinkingConfig(upstreamModel, level);
  const budget = thinking?.thinkingBudget;
  if (budget === 0) return resolveThinkingConfig(upstreamModel, 'none');
  if (budget !== undefined && budget > 0) return resolveThinkingConfig(upstreamModel, undefined, budget);
  return resolveThinkingConfig(upstreamModel, undefined);
}
