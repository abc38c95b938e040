/**
 * An OpenAI image edit (https://platform.openai.com/docs/api-reference/images/createEdit), sent as
 * a form: the same text fields as a generation, one or more `image` files (`image[]` when the SDK
 * sends several) and an optional `mask`. Files must be images (PNG, JPEG, WebP, as OpenAI takes).
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { formFiles, mediaTypeOf, textFieldsOf, type FormFields, type FormFile } from '../../shared/form-fields.js';
import type { ImageEditInput } from './convert-openai-image-request-to-gemini.js';
import { parseOpenAIImageRequest, type OpenAIImageRequest } from './openai-image-request-schema.js';

/** OpenAI takes at most 16 input images for an edit. */
export const maxEditImages = 16;
const editableTypes = new Set(['image/png', 'image/jpeg', 'image/webp']);

function inlineImage(file: FormFile, param: string): { mimeType: string; data: string } {
  const mimeType = mediaTypeOf(file);
  if (mimeType === undefined || !editableTypes.has(mimeType)) {
    throw new GatewayError('invalid_request', `Invalid '${param}': "${file.name}" must be a PNG, JPEG or WebP image.`, { param });
  }
  if (file.data.length === 0) throw new GatewayError('invalid_request', `Invalid '${param}': "${file.name}" is empty.`, { param });
  return { mimeType, data: file.data.toString('base64') };
}

export function parseOpenAIImageEditForm(fields: FormFields): { request: OpenAIImageRequest; edit: ImageEditInput } {
  const request = parseOpenAIImageRequest(textFieldsOf(fields, { numbers: ['n'], booleans: ['stream'] }));
  const images = formFiles(fields, ['image', 'image[]']);
  if (images.length === 0) throw new GatewayError('invalid_request', "Missing required parameter: 'image'.", { param: 'image' });
  if (images.length > maxEditImages) {
    throw new GatewayError('invalid_request', `Invalid 'image': at most ${maxEditImages} images, got ${images.length}.`, { param: 'image' });
  }
  const masks = formFiles(fields, ['mask']);
  if (masks.length > 1) throw new GatewayError('invalid_request', "Invalid 'mask': send one mask.", { param: 'mask' });
  const mask = masks[0];
  return {
    request,
    edit: { images: images.map((file) => inlineImage(file, 'image')), ...(mask === undefined ? {} : { mask: inlineImage(mask, 'mask') }) },
  };
}
