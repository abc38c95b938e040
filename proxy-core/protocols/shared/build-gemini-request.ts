/**
 * The one way a client request becomes the Gemini `GenerateContentRequest` inside the Cloud Code
 * envelope (UPSTREAM-PROTOCOL.md §4): the same steps, in the same order, for every protocol that
 * converts a conversation (OpenAI chat, OpenAI Responses, Anthropic messages); each protocol
 * supplies only what is its own (how it reads tools, messages, thinking and output settings).
 *
 * 1. The model is the target's (mapping/resolve-target.ts decided it, search model included); its
 *    family decides the rules of every later step.
 * 2. Tools first: declared names claim their sanitized form before names seen only in history.
 * 3. The history, with its tool calls and results paired and its signatures attached.
 * 4. Thinking, turned off when the history would make Claude refuse it
 *    (find-claude-thinking-conflict.ts).
 * 5. Sampling and output settings, within the model's output limit.
 * 6. Web search, when the target asks for it (dropped beside functions, add-web-search.ts).
 * 7. Assembled, safety filters off.
 * The warnings come in that order. Pure: the signature cache is read, never written.
 */
import type { ConversionWarning } from '../../canonical/conversion-warning.js';
import type {
  GeminiContent,
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
  GeminiThinkingConfig,
  GeminiTool,
  GeminiToolConfig,
} from '../../canonical/gemini-schemas.js';
import type { ResolvedTarget } from '../../mapping/resolve-target.js';
import { resolveModelFamily, type ModelFamily } from '../../signatures/model-family.js';
import type { SignatureCache } from '../../signatures/signature-cache.js';
import { findOutputTokenLimit } from '../gemini/gemini-output-token-limit.js';
import type { ResolvedThinkingConfig } from '../gemini/resolve-thinking-config.js';
import { addWebSearch } from './add-web-search.js';
import { assembleGeminiRequest } from './assemble-gemini-request.js';
import { createToolNameMapping, type ToolNameMapping } from './create-tool-name-mapping.js';
import { dropConflictingClaudeThinking } from './find-claude-thinking-conflict.js';

/** What every converter is given: the target decided once, and the signatures the gateway remembers. */
export interface ConvertToGeminiContext {
  /** What the request calls and whether it searches the web, decided before conversion (mapping/resolve-target.ts). */
  target: Pick<ResolvedTarget, 'model' | 'webSearch'>;
  signatures: SignatureCache;
}

export interface PreparedGeminiTools {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  warnings: ConversionWarning[];
}

export interface ConvertedGeminiHistory {
  contents: GeminiContent[];
  systemInstruction?: GeminiGenerateContentRequest['systemInstruction'];
  warnings: ConversionWarning[];
}

export interface PreparedGenerationConfig {
  generationConfig?: GeminiGenerationConfig;
  warnings: ConversionWarning[];
}

/** What the sampling and output step works within: the thinking already decided, and the model's limit. */
export interface GenerationSettings {
  family: ModelFamily;
  thinkingConfig: GeminiThinkingConfig | undefined;
  /** Smallest `maxOutputTokens` that leaves room for an answer after the thinking budget. */
  minOutputTokens: number | undefined;
  /** The most the model answers with (gemini-output-token-limit.ts); undefined where the upstream sets none. */
  outputTokenLimit: number | undefined;
}

/** What a protocol supplies: each step reads the client's request its own way. */
export interface GeminiRequestSteps<Tools extends PreparedGeminiTools, History extends ConvertedGeminiHistory> {
  /** About the request as a whole, before anything is converted (fields without an upstream equivalent). */
  requestWarnings?: ConversionWarning[];
  prepareTools(context: { family: ModelFamily; toolNames: ToolNameMapping }): Tools;
  convertHistory(context: { family: ModelFamily; signatures: SignatureCache; toolNames: ToolNameMapping }): History;
  resolveThinking(model: string): ResolvedThinkingConfig;
  prepareGenerationConfig(settings: GenerationSettings): PreparedGenerationConfig;
}

export interface BuiltGeminiRequest<Tools extends PreparedGeminiTools, History extends ConvertedGeminiHistory> {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  family: ModelFamily;
  toolNames: ToolNameMapping;
  /** The protocol's own results of its steps, for what it hands the answer's encoder. */
  tools: Tools;
  history: History;
}

export function buildGeminiRequest<Tools extends PreparedGeminiTools, History extends ConvertedGeminiHistory>(
  context: ConvertToGeminiContext,
  steps: GeminiRequestSteps<Tools, History>,
): BuiltGeminiRequest<Tools, History> {
  const { model, webSearch } = context.target;
  const family = resolveModelFamily(model);
  const warnings: ConversionWarning[] = [...(steps.requestWarnings ?? [])];
  const toolNames = createToolNameMapping();

  const tools = steps.prepareTools({ family, toolNames });
  warnings.push(...tools.warnings);

  const history = steps.convertHistory({ family, signatures: context.signatures, toolNames });
  warnings.push(...history.warnings);

  const thinking = dropConflictingClaudeThinking(steps.resolveThinking(model), {
    family,
    contents: history.contents,
    mode: tools.toolConfig?.functionCallingConfig.mode,
  });
  warnings.push(...thinking.warnings);

  const generation = steps.prepareGenerationConfig({
    family,
    thinkingConfig: thinking.thinkingConfig,
    minOutputTokens: thinking.minOutputTokens,
    outputTokenLimit: findOutputTokenLimit(model),
  });
  warnings.push(...generation.warnings);

  const request = assembleGeminiRequest({
    contents: history.contents,
    systemInstruction: history.systemInstruction,
    tools: webSearch ? addWebSearch(tools.tools, warnings) : tools.tools,
    toolConfig: tools.toolConfig,
    generationConfig: generation.generationConfig,
  });
  return { request, warnings, family, toolNames, tools, history };
}
