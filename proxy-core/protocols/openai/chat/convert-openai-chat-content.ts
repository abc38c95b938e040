/**
 * One message's `content` (string or content parts,
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages) -> Gemini parts
 * (https://ai.google.dev/api/caching#Part). Images: a `data:` URL becomes `inlineData`, an
 * http(s) URL `fileData` (the upstream fetches it). Anything else in an image URL is a 400: the
 * reference app reads `file://` and bare paths from the gateway's own disk, which would hand
 * local files to whoever can reach the port.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiPart } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { guessMimeType } from '../../shared/guess-mime-type.js';
import { hasText } from '../../shared/has-text.js';
import { parseDataUrl } from '../../shared/parse-data-url.js';
import type { OpenAIChatContentPart } from './openai-chat-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertOpenAIChatContentContext {
  /** Request path of the content, for messages: `messages[3].content`. */
  path: string;
  family: ModelFamily;
}

/** Image URLs without a recognisable extension; JPEG is what the upstream assumes too. */
const defaultImageMimeType = 'image/jpeg';

export function convertOpenAIChatContent(
  content: string | OpenAIChatContentPart[] | null | undefined,
  context: ConvertOpenAIChatContentContext,
): { parts: GeminiPart[]; warnings: ConversionWarning[] } {
  const parts: GeminiPart[] = [];
  const warnings: ConversionWarning[] = [];
  if (content === null || content === undefined) return { parts, warnings };
  if (typeof content === 'string') {
    if (hasText(content)) parts.push({ text: content });
    return { parts, warnings };
  }
  content.forEach((part, index) => {
    const path = `${context.path}[${index}]`;
    const converted = convertPart(part, path, context.family);
    if (typeof converted === 'string') warnings.push(conversionWarning('content_dropped', `${path}: ${converted}; dropped`));
    else if (converted !== undefined) parts.push(converted);
  });
  return { parts, warnings };
}

/** A part, nothing (empty text), or the reason it was dropped. */
function convertPart(part: OpenAIChatContentPart, path: string, family: ModelFamily): GeminiPart | string | undefined {
  switch (part.type) {
    case 'text':
      return hasText(part.text) ? { text: part.text } : undefined;
    case 'refusal':
      return hasText(part.refusal) ? { text: part.refusal } : undefined;
    case 'image_url':
      return convertImageUrl(part.image_url.url, `${path}.image_url.url`);
    case 'input_audio': {
      // Gemini understands audio; Claude has no audio input at all.
      if (family !== 'gemini') return `audio input is not supported by ${family} models`;
      const format = part.input_audio.format.toLowerCase();
      return { inlineData: { mimeType: guessMimeType(`audio.${format}`) ?? `audio/${format}`, data: part.input_audio.data } };
    }
    case 'file':
      return convertFile(part.file, path);
  }
}

function convertImageUrl(url: string, path: string): GeminiPart {
  if (/^data:/i.test(url)) {
    const inlineData = parseDataUrl(url);
    if (inlineData === undefined) {
      throw new GatewayError('invalid_request', `Invalid '${path}': not a valid base64 data URL.`, { param: path });
    }
    return { inlineData };
  }
  if (/^https?:\/\//i.test(url)) {
    return { fileData: { fileUri: url, mimeType: guessMimeType(url) ?? defaultImageMimeType } };
  }
  throw new GatewayError('invalid_request', `Invalid '${path}': must be an http(s) URL or a data: URL.`, { param: path });
}

function convertFile(
  file: { file_data?: string | null | undefined; file_id?: string | null | undefined; filename?: string | null | undefined },
  path: string,
): GeminiPart | string {
  const fileData = file.file_data ?? undefined;
  if (fileData === undefined || fileData === '') {
    // Uploaded-file ids point into OpenAI's Files API, which the gateway does not have.
    return file.file_id ? `file_id references are not supported (no Files API)` : 'file part without file_data';
  }
  if (/^data:/i.test(fileData)) {
    const inlineData = parseDataUrl(fileData);
    if (inlineData === undefined) {
      throw new GatewayError('invalid_request', `Invalid '${path}.file.file_data': not a valid base64 data URL.`, {
        param: `${path}.file.file_data`,
      });
    }
    return { inlineData };
  }
  const mimeType = file.filename ? guessMimeType(file.filename) : undefined;
  if (mimeType === undefined) return 'file_data without a data: URL or a filename with a known extension';
  return { inlineData: { mimeType, data: fileData } };
}
