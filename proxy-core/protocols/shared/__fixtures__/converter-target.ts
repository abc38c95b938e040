/**
 * Converters called the way the gateway calls them: the target decided first (mapping/
 * resolve-target.ts) from the upstream model, the request's tools (the endpoint's
 * read-*-tool-traits.ts) and `-online` (`webSearch`), and the model it calls reported beside the
 * result, so a converter test still reads `{ upstreamModel, request, warnings, ... }`.
 */
import { resolveTarget, type ResolvedTarget, type ToolTraits } from '../../../mapping/resolve-target.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';

/** How the tests name what a request is converted for. */
export interface TestConversionContext {
  upstreamModel: string;
  signatures: SignatureCache;
  /** The model name ended in `-online`. */
  webSearch?: boolean;
}

export function converterTarget(upstreamModel: string, tools: ToolTraits, webSearchByName = false): ResolvedTarget {
  return resolveTarget({ requested: upstreamModel, model: upstreamModel, rule: { kind: 'upstream_model' }, webSearch: webSearchByName }, tools);
}

export function withTarget<Request, Converted extends object>(
  convert: (request: Request, context: { target: ResolvedTarget; signatures: SignatureCache }) => Converted,
  tools: (request: Request) => ToolTraits,
): (request: Request, context: TestConversionContext) => { upstreamModel: string } & Converted {
  return (request, context) => {
    const target = converterTarget(context.upstreamModel, tools(request), context.webSearch === true);
    return { upstreamModel: target.model, ...convert(request, { target, signatures: context.signatures }) };
  };
}
