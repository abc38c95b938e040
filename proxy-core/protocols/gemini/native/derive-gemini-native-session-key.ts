/** A Gemini API conversation's identity: its system instruction and first user turn (the API has no field naming it). */
import { deriveSessionKey } from '../../../canonical/derive-session-key.js';
import type { GeminiNativeGenerateRequest } from './gemini-native-request-schema.js';

export function deriveGeminiNativeSessionKey(body: GeminiNativeGenerateRequest): string {
  const textOf = (parts: Array<{ text?: string | undefined; thought?: boolean | undefined }>) =>
    parts.flatMap((part) => (part.text !== undefined && part.thought !== true ? [part.text] : [])).join('\n');
  const system = body.systemInstruction;
  const firstUser = body.contents.find((content) => content.role !== 'model');
  return deriveSessionKey({
    system: system === undefined ? '' : typeof system === 'string' ? system : textOf(system.parts),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.parts),
  });
}
