/** A transcription's events -> its text and usage, in OpenAI's transcription shapes. */
import { emptyUsage, type GenerationEvent, type TokenUsage } from '../../../canonical/generation-event.js';

export interface OpenAITranscription {
  text: string;
  usage: { type: 'tokens'; input_tokens: number; output_tokens: number; total_tokens: number };
}

export async function collectTranscript(events: AsyncIterable<GenerationEvent>): Promise<{ text: string; usage: TokenUsage }> {
  let text = '';
  let usage = emptyUsage;
  for await (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    else if (event.type === 'usage' || event.type === 'finish') usage = event.usage;
  }
  return { text: text.trim(), usage };
}

export function encodeOpenAITranscription(text: string, usage: TokenUsage): OpenAITranscription {
  return {
    text,
    usage: { type: 'tokens', input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens },
  };
}
