/**
 * Which upstream model a request calls, and how: decided once, before conversion, from the
 * mapping's answer for the name (resolve-model.ts) and what the endpoint's adapter reports about
 * the request's tools. Converters, the runner, `X-Mapped-Model`, the request log and
 * `/v1/models/detect` all read this one value.
 * - Web search asked (a name ending in `-online`, or a search tool) with no function tools beside
 *   it: the search runs on a model that grounds (choose-web-search-model.ts). Beside functions the
 *   upstream cannot search, so the model stays and the converter drops the search with a warning.
 * - An image model named with size and ratio suffixes (`gemini-3-pro-image-16x9-4k`): the model
 *   without them is called, and the suffixes become the request's `imageConfig`.
 * - An image model is called with `requestType: "image_gen"` in every protocol, as Antigravity does.
 */
import type { ImageAspectRatio, ImageSize } from '../canonical/image-config-values.js';
import { isImageModel } from './is-image-model.js';
import { parseImageModelSuffixes } from './parse-image-model-suffixes.js';
import { chooseWebSearchModel } from './choose-web-search-model.js';
import type { ResolvedModel } from './resolve-model.js';

/** What an endpoint's adapter reports about a request's tools, for the model choice. */
export interface ToolTraits {
  /** The request itself asks for web search (a hosted search tool, `web_search_options`, `googleSearch`). */
  searchTool: boolean;
  /** The request declares tools of the client's own (functions), which the upstream cannot combine with search. */
  functionTools: boolean;
}

/** A request that sends no tools (legacy completions, a model name looked up on its own). */
export const noTools: ToolTraits = { searchTool: false, functionTools: false };

export interface ResolvedTarget {
  /** The name the client asked for. */
  requested: string;
  /** The upstream model id called. */
  model: string;
  /** The mapping rule that chose the model (resolve-model.ts). */
  rule: ResolvedModel['rule'];
  /** Web search was asked for (by name or by a tool); it grounds unless function tools come with it. */
  webSearch: boolean;
  /** The image shape the name's suffixes ask for; only when they ask for something. */
  imageConfig?: { aspectRatio?: ImageAspectRatio; imageSize?: ImageSize };
  /** The Cloud Code envelope's `requestType`. */
  requestType: 'agent' | 'image_gen';
}

/** `tools` undefined: an endpoint that never searches the web (images, audio). */
export function resolveTarget(resolved: ResolvedModel, tools: ToolTraits | undefined): ResolvedTarget {
  const webSearch = tools !== undefined && (resolved.webSearch || tools.searchTool);
  const searchOnly = webSearch && tools?.functionTools !== true;
  const model = searchOnly ? chooseWebSearchModel(resolved.model) : resolved.model;
  const base = { requested: resolved.requested, rule: resolved.rule, webSearch };
  if (!isImageModel(model)) return { ...base, model, requestType: 'agent' };
  const { model: withoutSuffixes, aspectRatio, imageSize } = parseImageModelSuffixes(model);
  if (aspectRatio === undefined && imageSize === undefined) return { ...base, model, requestType: 'image_gen' };
  const imageConfig = { ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
  return { ...base, model: withoutSuffixes, imageConfig, requestType: 'image_gen' };
}
