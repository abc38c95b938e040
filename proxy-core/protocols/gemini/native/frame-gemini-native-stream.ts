/**
 * `streamGenerateContent` chunks -> the bytes Google sends: with `alt=sse`, one `data:` event per
 * chunk; without it, one JSON array whose elements arrive as they are made
 * (UPSTREAM-PROTOCOL.md §6). A failure becomes Google's error object as the last event (or
 * element), which `@google/genai` raises as an ApiError with its code; the stream never just
 * stops as if it were complete.
 */
import { toGatewayError } from '../../../errors/gateway-error.js';
import { renderGeminiError } from '../render-gemini-error.js';
import type { GeminiNativeResponse } from './gemini-native-response-types.js';

export async function* frameGeminiNativeStream(chunks: AsyncIterable<GeminiNativeResponse>, options: { sse: boolean }): AsyncGenerator<string> {
  let count = 0;
  const frame = (value: unknown): string => {
    const json = JSON.stringify(value);
    count += 1;
    if (options.sse) return `data: ${json}\n\n`;
    return count === 1 ? `[${json}` : `,\r\n${json}`;
  };
  try {
    for await (const chunk of chunks) yield frame(chunk);
  } catch (error) {
    yield frame(renderGeminiError(toGatewayError(error)).body);
  }
  if (!options.sse) yield count === 0 ? '[]' : ']';
}
