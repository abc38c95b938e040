/**
 * A client's web search (Anthropic's `web_search_*` server tool, OpenAI's hosted `web_search`
 * tool or Chat's `web_search_options`) becomes Google Search grounding: `tools: [{googleSearch:{}}]`,
 * as Antigravity Manager sends it. The upstream does not combine search with function
 * declarations (UPSTREAM-PROTOCOL.md §4), so next to functions the search is dropped with a
 * warning and the model answers from what it knows. Only Gemini models ground: which model a
 * search-only request runs on was decided with the mapping (mapping/choose-web-search-model.ts).
 */
import type { GeminiTool } from '../../canonical/gemini-schemas.js';
import { listFunctionDeclarations } from '../gemini/list-function-declarations.js';
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

/** The tools to send when the client asked for web search. */
export function addWebSearch(tools: GeminiTool[] | undefined, warnings: ConversionWarning[]): GeminiTool[] | undefined {
  if (listFunctionDeclarations(tools).length > 0) {
    warnings.push(conversionWarning('web_search_dropped', 'web search dropped: the upstream cannot search the web and call functions in one request'));
    return tools;
  }
  return [{ googleSearch: {} }];
}
