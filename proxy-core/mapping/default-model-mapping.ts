/**
 * Built-in mapping applied after the user's rules (ANCHOR-ANTIGRAVITY-MANAGER.md §4.2, pointed
 * at the upstream ids of UPSTREAM-PROTOCOL.md §13). Same pattern language as `proxy.custom_mapping`.
 * Names that already are upstream model ids are never rewritten by these defaults, and a target the
 * accounts do not list is settled on the closest model they do (resolve-model.ts).
 *
 * The client names below were read from each client's published npm package (the version is named
 * beside them); mapping/client-model-names.test.ts checks every one. When a client renames its
 * models again, the family fallback (choose-family-model.ts) serves the new name until a line is
 * added here.
 */
export const defaultModelMapping: Readonly<Record<string, string>> = {
  // Claude Code and the Anthropic SDK send dated and aliased Claude names. Claude Code 2.1.197
  // (@anthropic-ai/claude-code, its model catalogue) sends `claude-opus-4-8` (default and `opus`),
  // `claude-sonnet-4-6` (`sonnet`, an upstream id), `claude-haiku-4-5-20251001` (`haiku`),
  // `claude-fable-5` (`fable`, `best`), and `claude-sonnet-5`, `claude-mythos-5`, `claude-opus-4-7`
  // by name; it asks for thinking on every main-model turn, so its names go to the thinking models.
  // opencode 1.18.33 (its bundled models.dev catalogue) adds `claude-opus-5`, `claude-opus-5-5`, `claude-fable-5-1`.
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
  // Codex CLI 0.171.0 (@openai/codex, its bundled models.json) defaults to `gpt-6.2-sol` and lists
  // `gpt-6.2-astra`, `gpt-6.1-terra`, `gpt-6.1-sol`, `gpt-6-astra`, `gpt-6-sol`, `gpt-6-luna`,
  // `gpt-5.6-sol|terra|luna` and `gpt-5.5`; its approval reviewer calls `codex-auto-review`.
  // Luna ("fast and affordable") and Terra ("efficient") are the small ones. opencode 1.18.33 picks
  // `gpt-5.4-nano` as the small model of an OpenAI provider.
  'gpt-6*': 'gemini-3-pro-high',
  'gpt-*-luna*': 'gemini-3-flash',
  'gpt-*-terra*': 'gemini-3-flash',
  'gpt-*-mini*': 'gemini-3-flash',
  'gpt-*-nano*': 'gemini-3-flash',
  'codex-auto-review': 'gemini-3-flash',
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
  // OpenAI image models (the Images API) to Gemini's image model, and Gemini API image ids that
  // Cloud Code does not serve (Gemini CLI 0.61.0 and opencode 1.18.33 list them).
  'gemini-3-pro-image-preview': 'gemini-3-pro-image',
  'gemini-3.1-flash-image': 'gemini-3-pro-image',
  'gemini-3.1-flash-image-preview': 'gemini-3-pro-image',
  'gemini-2.5-flash-image': 'gemini-3-pro-image',
  'dall-e-*': 'gemini-3-pro-image',
  'gpt-image-*': 'gemini-3-pro-image',
  // OpenAI speech-to-text names (the audio transcriptions endpoint): Flash listens well and fast.
  'whisper-*': 'gemini-3-flash',
  // Gemini API names that have no direct Cloud Code id. Gemini CLI 0.61.0 (@google/gemini-cli,
  // packages/core/src/config/models.ts) renames before sending: `-m gemini-3-flash` and its `flash`
  // go out as `gemini-3.8-flash` (or `gemini-3.5-flash`), `pro` and `auto` as `gemini-3-pro-preview`,
  // `gemini-3.1-pro-preview` or `gemini-3.1-pro-preview-customtools`, and its auto-mode router and
  // helpers call `flash-lite`: `gemini-3.1-flash-lite` or `gemini-3.5-flash-lite`. It also offers
  // `gemini-2.5-pro`, `gemini-2.5-flash(-lite)` and the Gemma models. opencode 1.18.33 adds
  // `gemini-3.6-flash`, `gemini-3.7-flash`, `gemini-flash-latest` and `gemini-flash-lite-latest`,
  // and its small model with a Google provider is the newest Flash (`gemini-3.8-flash`).
  // A Lite name asks for a Lite model: it gets one where the accounts list one, else Flash.
  'gemini-3-pro': 'gemini-3-pro-high',
  'gemini-3-pro-preview': 'gemini-3-pro-high',
  'gemini-3-flash-preview': 'gemini-3-flash',
  'gemini-3.1-pro': 'gemini-3.1-pro-high',
  'gemini-3.1-pro-preview': 'gemini-3.1-pro-high',
  'gemini-3.1-pro-preview-customtools': 'gemini-3.1-pro-high',
  'gemini-3.5-flash': 'gemini-3-flash',
  'gemini-3.6-flash': 'gemini-3-flash',
  'gemini-3.7-flash': 'gemini-3-flash',
  'gemini-3.8-flash': 'gemini-3-flash',
  'gemini-flash-latest': 'gemini-3-flash',
  'gemini-3.1-flash-lite': 'gemini-3.1-flash-lite',
  'gemini-3.1-flash-lite-preview': 'gemini-3.1-flash-lite',
  'gemini-3.5-flash-lite': 'gemini-3.1-flash-lite',
  'gemini-flash-lite-latest': 'gemini-3.1-flash-lite',
  'gemma-*': 'gemini-3-flash',
  // Qwen Code 0.24.4 (@qwen-code/qwen-code): `qwen3.7-max` by default with an OpenAI-compatible
  // provider (`coder-model` with Qwen OAuth), `qwen3.7-plus`, `qwen3-coder-plus`, `qwen3-coder-next`
  // and `qwen3-max-*` in its model list, and `qwen3.8-flash` as its web search model.
  'qwen*': 'gemini-3-pro-high',
  'qwen*-flash*': 'gemini-3-flash',
  'coder-model': 'gemini-3-pro-high',
};
