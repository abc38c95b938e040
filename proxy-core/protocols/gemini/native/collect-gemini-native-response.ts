/**
 * Streamed `GenerateContentResponse` chunks -> the one response `generateContent` answers
 * (https://ai.google.dev/api/generate-content#method:-models.generatecontent): the parts joined
 * the way the Gemini API returns them whole, runs of text (and of thought text) as one part
 * carrying the signature that closed it. Failures propagate.
 */
import type { GeminiPart } from '../../../canonical/gemini-schemas.js';
import type { GeminiNativeResponse } from './gemini-native-response-types.js';

export async function collectGeminiNativeResponse(chunks: AsyncIterable<GeminiNativeResponse>): Promise<GeminiNativeResponse> {
  const parts: GeminiPart[] = [];
  let last: GeminiNativeResponse | undefined;
  let finishReason: string | undefined;
  let groundingMetadata: Readonly<Record<string, unknown>> | undefined;
  for await (const chunk of chunks) {
    last = chunk;
    const candidate = chunk.candidates[0];
    if (candidate?.finishReason !== undefined) finishReason = candidate.finishReason;
    if (candidate?.groundingMetadata !== undefined) groundingMetadata = candidate.groundingMetadata;
    for (const part of candidate?.content?.parts ?? []) appendPart(parts, part);
  }
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        ...(finishReason === undefined ? {} : { finishReason }),
        ...(groundingMetadata === undefined ? {} : { groundingMetadata }),
        index: 0,
      },
    ],
    ...(last?.usageMetadata === undefined ? {} : { usageMetadata: last.usageMetadata }),
    modelVersion: last?.modelVersion ?? '',
    responseId: last?.responseId ?? '',
  };
}

function appendPart(parts: GeminiPart[], part: GeminiPart): void {
  const previous = parts.at(-1);
  const joins =
    part.text !== undefined &&
    previous?.text !== undefined &&
    previous.thoughtSignature === undefined &&
    (previous.thought === true) === (part.thought === true);
  if (previous === undefined || !joins) {
    parts.push({ ...part });
    return;
  }
  previous.text = `${previous.text ?? ''}${part.text ?? ''}`;
  if (part.thoughtSignature !== undefined) previous.thoughtSignature = part.thoughtSignature;
}
