/**
 * The upstream `countTokens` takes only `contents` (UPSTREAM-PROTOCOL.md §7), while a client's
 * count covers its system prompt and tool definitions too (Anthropic count_tokens,
 * https://docs.anthropic.com/en/docs/build-with-claude/token-counting). Those are folded in as a
 * leading user turn (the tools as their declarations' JSON, which is close to what the model
 * reads), and thought parts become plain text: the count is about size, and the method does not
 * take thought fields (Gemini CLI folds them the same way).
 */
import type { GeminiContent, GeminiGenerateContentRequest, GeminiPart } from '../../canonical/gemini-schemas.js';
import { listFunctionDeclarations } from '../gemini/list-function-declarations.js';

export function foldRequestForTokenCount(request: GeminiGenerateContentRequest): GeminiContent[] {
  const leading: GeminiPart[] = (request.systemInstruction?.parts ?? []).map((part) => ({ text: part.text }));
  const declarations = listFunctionDeclarations(request.tools);
  if (declarations.length > 0) leading.push({ text: JSON.stringify(declarations) });
  const contents = request.contents.map((content) => ({ role: content.role, parts: content.parts.map(withoutThought) }));
  return leading.length > 0 ? [{ role: 'user', parts: leading }, ...contents] : contents;
}

function withoutThought(part: GeminiPart): GeminiPart {
  const { thought: _thought, thoughtSignature: _signature, ...rest } = part;
  return rest;
}
