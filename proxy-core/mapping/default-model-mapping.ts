/**
 * Built-in mapping applied after the user's rules (ANCHOR-ANTIGRAVITY-MANAGER.md §4.2, pointed
 * at the upstream ids of UPSTREAM-PROTOCOL.md §13). Same pattern language as `proxy.custom_mapping`.
 * Names that already are upstream model ids are never rewritten by these defaults.
 */
export const defaultModelMapping: Readonly<Record<string, string>> = {
  // Claude Code and the Anthropic SDK send dated and aliased Claude names. Claude Code 2.1 sends
  // `claude-opus-4-8` (default), `claude-sonnet-5`, `claude-fable-5` and `claude-haiku-4-5-20251001`,
  // and asks for thinking on every main-model turn, so its names go to the thinking models.
  'claude-opus-*': 'claude-opus-4-6-thinking',
  'claude-fable-*': 'claude-opus-4-6-thinking',
  'claude-mythos-*': 'claude-opus-4-6-thinking',
  'claude-3-opus*': 'claude-opus-4-6-thinking',
  'claude-sonnet-*': 'claude-sonnet-4-5-thinking',
  'claude-3-5-sonnet*': 'claude-sonnet-4-5',
  'claude-3-7-sonnet*': 'claude-sonnet-4-5',
  // Claude Code's haiku (its background and small-task model): a fast Gemini keeps Claude quota for real work.
  'claude-haiku-*': 'gemini-3-flash',
  'claude-3-haiku*': 'gemini-3-flash',
  'claude-3-5-haiku*': 'gemini-3-flash',
  // OpenAI names: small and fast models to Flash, large and reasoning ones to Pro.
  'gpt-3.5*': 'gemini-3-flash',
  'gpt-4o-mini*': 'gemini-3-flash',
  'gpt-4.1-mini*': 'gemini-3-flash',
  'gpt-4.1-nano*': 'gemini-3-flash',
  'gpt-5-mini*': 'gemini-3-flash',
  'gpt-5-nano*': 'gemini-3-flash',
  'o4-mini*': 'gemini-3-flash',
  'gpt-4*': 'gemini-3-pro-high',
  'gpt-5*': 'gemini-3-pro-high',
  'o1*': 'gemini-3-pro-high',
  'o3*': 'gemini-3-pro-high',
  // OpenAI image models (the Images API) to Gemini's image model.
  'dall-e-*': 'gemini-3-pro-image',
  'gpt-image-*': 'gemini-3-pro-image',
  // OpenAI speech-to-text names (the audio transcriptions endpoint): Flash listens well and fast.
  'whisper-*': 'gemini-3-flash',
  // Gemini API names that have no direct Cloud Code id.
  'gemini-3-pro': 'gemini-3-pro-high',
  'gemini-3-pro-preview': 'gemini-3-pro-high',
  'gemini-3-flash-preview': 'gemini-3-flash',
  'gemini-3.1-pro': 'gemini-3.1-pro-high',
  'gemini-3.1-pro-preview': 'gemini-3.1-pro-high',
};
