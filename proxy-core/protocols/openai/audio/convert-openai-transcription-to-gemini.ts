/**
 * OpenAI transcription -> a Gemini request: the audio inline, then an instruction that asks for
 * the words only. The client's `prompt` is context (names, spelling), as OpenAI documents it, so
 * it is labelled as such rather than sent as something to transcribe. Thinking is kept to the
 * model's least and never shown: a transcript has no use for it.
 */
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../../canonical/gemini-schemas.js';
import { resolveThinkingConfig } from '../../gemini/resolve-thinking-config.js';
import { safetySettingsOff } from '../../gemini/safety-settings-off.js';
import type { OpenAITranscriptionRequest } from './parse-openai-transcription-form.js';

export const transcriptionInstruction =
  'Transcribe the speech in this audio verbatim. Answer with the transcript only: no introduction, no notes, no timestamps, no speaker labels.';

export function convertOpenAITranscriptionToGemini(request: OpenAITranscriptionRequest, upstreamModel: string): GeminiGenerateContentRequest {
  const sentences = [transcriptionInstruction];
  if (request.language !== undefined) sentences.push(`The speech is in the language with code "${request.language}"; write it in that language.`);
  if (request.prompt !== undefined) sentences.push(`Context from the user, for names and spelling (do not transcribe it): ${request.prompt}`);
  const generationConfig: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
  const { thinkingConfig } = resolveThinkingConfig(upstreamModel, 'none');
  if (thinkingConfig !== undefined) generationConfig.thinkingConfig = { ...thinkingConfig, includeThoughts: false };
  return {
    contents: [{ role: 'user', parts: [{ inlineData: { mimeType: request.audio.mimeType, data: request.audio.data } }, { text: sentences.join('\n') }] }],
    safetySettings: [...safetySettingsOff],
    ...(Object.keys(generationConfig).length === 0 ? {} : { generationConfig }),
  };
}
