import { describe, expect, it } from 'vitest';
import { deriveGeminiNativeSessionKey } from './derive-gemini-native-session-key.js';
import { parseGeminiNativeGenerateRequest } from './gemini-native-request-schema.js';

describe('deriveGeminiNativeSessionKey', () => {
  const gemini = (body: Record<string, unknown>) => deriveGeminiNativeSessionKey(parseGeminiNativeGenerateRequest(body));
  it('reads the system instruction and the first user turn, thoughts left out', () => {
    const first = gemini({ systemInstruction: { parts: [{ text: 'S' }] }, contents: [{ role: 'user', parts: [{ text: 'Q' }] }] });
    expect(
      gemini({
        systemInstruction: { parts: [{ text: 'S' }] },
        contents: [
          { role: 'user', parts: [{ text: 'Q' }, { text: 'pondering', thought: true }] },
          { role: 'model', parts: [{ text: 'A' }] },
        ],
      }),
    ).toBe(first);
    expect(gemini({ contents: [{ role: 'user', parts: [{ text: 'Q' }] }] })).not.toBe(first);
  });
});
