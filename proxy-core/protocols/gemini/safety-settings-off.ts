/**
 * Safety filters off on the four adjustable harm categories, for every client protocol
 * (ANCHOR-ANTIGRAVITY-MANAGER.md §5.7, §14.6). The gateway is a personal relay: blocking is the
 * model's and the client's business, and a silent SAFETY stop in the middle of a coding agent's
 * tool loop is worse than useless. Categories and thresholds:
 * https://ai.google.dev/gemini-api/docs/safety-settings
 */
import type { GeminiSafetySetting } from '../../canonical/gemini-schemas.js';

export const safetySettingsOff: readonly Readonly<GeminiSafetySetting>[] = Object.freeze([
  Object.freeze({ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' }),
  Object.freeze({ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' }),
  Object.freeze({ category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' }),
  Object.freeze({ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' }),
] as const);
