/**
 * A client's web search (Anthropic's `web_search_*` server tool, OpenAI's hosted `web_search`
 * tool or Chat's `web_search_options`) becomes Google Search grounding: `tools: [{googleSearch:{}}]`,
 * as Antigravity Manager sends it. The upstream does not combine search with function
 * declarations (UPSTREAM-PROTOCOL.md §4), so next to functions the search is dropped with a
 * warning and the model answers from what it knows. Only Gemini models ground: a search-only
 * request for any other model runs on `webSearchModel` (Antigravity Manager's choice too).
 */
import type { GeminiTool } from '../../canonical/gemini-schemas.js';
import { isImageModel } from '../../mapping/is-image-model.js';
import { listFunctionDeclarations } from '../gemini/list-function-declarations.js';
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

export const webSearchModel = 'gemini-2.5-flash';

/** The tools to send when the client asked for web search. */
export function addWebSearch(tools: GeminiTool[] | undefined, warnings: ConversionWarning[]): GeminiTool[] | undefined {
  if (listFunctionDeclarations(tools).length > 0) {
    warnings.push(conversionWarning('web_search_dropped', 'web search dropped: the upstream cannot search the web and call functions in one request'));
    return tools;
  }
  return [{ googleSearch: {} }];
}

/** The model a search-only request runs on: a Gemini text model as asked, anything else on `webSearchModel`. */
export function chooseWebSearchModel(model: string): string {
  return model.startsWith('gemini-') && !isImageModel(model) ? model : webSearchModel;
}
