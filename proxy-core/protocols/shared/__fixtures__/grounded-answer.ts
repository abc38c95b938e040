/** One grounded answer for the encoders' tests: each renders the same sources (the canonical grounding event). */
import type { GenerationEvent } from '../../../canonical/generation-event.js';

/** An answer grounded by Google Search: the sources come as one event after the text. */
export const groundedAnswer: GenerationEvent[] = [
  { type: 'start', responseId: 'r1', modelVersion: 'gemini-3-flash' },
  { type: 'text-delta', text: 'Rome is sunny.' },
  { type: 'grounding', sources: { queries: ['weather rome'], pages: [{ uri: 'https://a.example/1', title: 'a.example' }] }, metadata: { webSearchQueries: ['weather rome'] } },
  { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 7 } },
];
/** What a text encoder writes after the answer for those sources. */
export const groundedSourcesText = '\n\nSources (Google Search: "weather rome"):\n1. [a.example](https://a.example/1)\n';
