/**
 * The model a search-only request runs on. Only Gemini text models ground with Google Search
 * (UPSTREAM-PROTOCOL.md §4): a search for any other model (Claude, an image model) runs on
 * `webSearchModel`, as Antigravity Manager does.
 */
import { isImageModel } from './is-image-model.js';

export const webSearchModel = 'gemini-2.5-flash';

/** A Gemini text model as asked, anything else `webSearchModel`. */
export function chooseWebSearchModel(model: string): string {
  return model.startsWith('gemini-') && !isImageModel(model) ? model : webSearchModel;
}
