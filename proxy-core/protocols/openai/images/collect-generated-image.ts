/**
 * One image generation's events -> its image(s), or the GatewayError saying why there is none.
 * An image model that answers with text only has refused or misunderstood: a safety stop is the
 * caller's 400 (`content_policy_violation`, as OpenAI names it), anything else a 502 that quotes
 * what the model said.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { emptyUsage, type FinishReason, type GenerationEvent, type TokenUsage } from '../../../canonical/generation-event.js';

export interface GeneratedImage {
  mimeType: string;
  /** Base64. */
  data: string;
}

export interface CollectedImages {
  images: GeneratedImage[];
  usage: TokenUsage;
}

const quotedTextLimit = 300;

export async function collectGeneratedImage(events: AsyncIterable<GenerationEvent>): Promise<CollectedImages> {
  const images: GeneratedImage[] = [];
  let text = '';
  let usage = emptyUsage;
  let finish: FinishReason | undefined;
  for await (const event of events) {
    if (event.type === 'inline-data' && event.mimeType.startsWith('image/')) images.push({ mimeType: event.mimeType, data: event.data });
    else if (event.type === 'text-delta') text += event.text;
    else if (event.type === 'usage') usage = event.usage;
    else if (event.type === 'finish') {
      usage = event.usage;
      finish = event.reason;
    }
  }
  if (images.length > 0) return { images, usage };
  const said = text.trim() === '' ? '' : `: ${JSON.stringify(text.trim().slice(0, quotedTextLimit))}`;
  if (finish === 'content_filter') {
    throw new GatewayError('invalid_request', `The image model declined this prompt for safety reasons${said}.`, {
      code: 'content_policy_violation',
      param: 'prompt',
    });
  }
  throw new GatewayError('upstream', `The image model answered without an image${said}.`);
}
