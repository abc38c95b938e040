/**
 * A user-side Anthropic content block (text, image, document, search_result;
 * https://docs.anthropic.com/en/api/messages#body-messages-content) -> Gemini parts
 * (https://ai.google.dev/api/caching#Part). Base64 sources become `inlineData`; URL sources
 * `fileData` (the upstream fetches them), http(s) only: anything else would let a caller make the
 * gateway read its own disk. File ids point into Anthropic's Files API, which the gateway does
 * not have: such blocks are dropped with a warning.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiPart } from '../../../canonical/gemini-schemas.js';
import { guessMimeType } from '../../shared/guess-mime-type.js';
import { hasText } from '../../shared/has-text.js';
import type { AnthropicContentBlock, AnthropicToolResultContentBlock } from './anthropic-messages-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export type AnthropicUserBlock = Extract<AnthropicContentBlock | AnthropicToolResultContentBlock, { type: 'text' | 'image' | 'document' | 'search_result' }>;

const userBlockTypes: ReadonlySet<string> = new Set(['text', 'image', 'document', 'search_result']);

export function isAnthropicUserBlock(block: AnthropicContentBlock | AnthropicToolResultContentBlock): block is AnthropicUserBlock {
  return userBlockTypes.has(block.type);
}

const defaultImageMimeType = 'image/jpeg';
const defaultDocumentMimeType = 'application/pdf';

/** `path` is the block's request path (`messages.2.content.1`); lossy drops go to `warnings`. */
export function convertAnthropicContentBlock(block: AnthropicUserBlock, path: string, warnings: ConversionWarning[]): GeminiPart[] {
  switch (block.type) {
    case 'text':
      return hasText(block.text) ? [{ text: block.text }] : [];
    case 'image': {
      const source = block.source;
      if (source.type === 'base64') return [{ inlineData: { mimeType: source.media_type, data: source.data } }];
      if (source.type === 'url') return [{ fileData: { fileUri: checkUrl(source.url, `${path}.source.url`), mimeType: guessMimeType(source.url) ?? defaultImageMimeType } }];
      warnings.push(conversionWarning('content_dropped', `${path}: file_id images are not supported (no Files API); dropped`));
      return [];
    }
    case 'document':
      return convertDocument(block, path, warnings);
    case 'search_result': {
      const text = [block.title, block.source, ...block.content.map((item) => item.text)].filter(hasText).join('\n\n');
      return hasText(text) ? [{ text }] : [];
    }
  }
}

function convertDocument(block: Extract<AnthropicUserBlock, { type: 'document' }>, path: string, warnings: ConversionWarning[]): GeminiPart[] {
  const source = block.source;
  // The title and context describe the document to the model: they go in front of it as text.
  const heading = [block.title, block.context].filter((item): item is string => typeof item === 'string' && hasText(item));
  const withHeading = (parts: GeminiPart[]): GeminiPart[] => (heading.length > 0 && parts.length > 0 ? [{ text: heading.join('\n\n') }, ...parts] : parts);
  switch (source.type) {
    case 'base64':
      return withHeading([{ inlineData: { mimeType: source.media_type, data: source.data } }]);
    case 'url':
      return withHeading([{ fileData: { fileUri: checkUrl(source.url, `${path}.source.url`), mimeType: guessMimeType(source.url) ?? defaultDocumentMimeType } }]);
    case 'text':
      return hasText(source.data) ? [{ text: [...heading, source.data].join('\n\n') }] : [];
    case 'content':
      if (typeof source.content === 'string') return hasText(source.content) ? [{ text: [...heading, source.content].join('\n\n') }] : [];
      return withHeading(source.content.flatMap((item, index) => convertAnthropicContentBlock(item, `${path}.source.content.${index}`, warnings)));
    case 'file':
      warnings.push(conversionWarning('content_dropped', `${path}: file_id documents are not supported (no Files API); dropped`));
      return [];
  }
}

function checkUrl(url: string, param: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  throw new GatewayError('invalid_request', `Invalid '${param}': must be an http(s) URL.`, { param });
}
