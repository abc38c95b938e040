/**
 * Ready-made rule sets for `proxy.custom_mapping` (the reference app's presets,
 * ANCHOR-ANTIGRAVITY-MANAGER.md §4.3, pointed at the upstream ids in known-upstream-models.ts).
 * Applying one adds its rules; rules with the same pattern are replaced, others stay.
 */
export interface MappingPreset {
  name: string;
  description: string;
  rules: ReadonlyArray<{ pattern: string; target: string }>;
}

export const mappingPresets: readonly MappingPreset[] = [
  {
    name: 'OpenAI names to Gemini',
    description: 'Small and fast OpenAI models (…-mini, …-nano) to Gemini 3 Flash; every other GPT and o-series name to Gemini 3.1 Pro.',
    rules: [
      { pattern: '*-mini*', target: 'gemini-3-flash' },
      { pattern: '*-nano*', target: 'gemini-3-flash' },
      { pattern: 'gpt-*-luna*', target: 'gemini-3-flash' },
      { pattern: 'gpt-3.5*', target: 'gemini-3-flash' },
      { pattern: 'gpt-*', target: 'gemini-3.1-pro-high' },
      { pattern: 'o1*', target: 'gemini-3.1-pro-high' },
      { pattern: 'o3*', target: 'gemini-3.1-pro-high' },
      { pattern: 'o4*', target: 'gemini-3.1-pro-high' },
    ],
  },
  {
    name: 'Claude Code: keep Claude for main model, Flash for haiku',
    description:
      "Claude Code's main models stay on Claude (with thinking); its haiku background model (titles, summaries, small tasks) goes to Gemini 3 Flash to save Claude quota.",
    rules: [
      { pattern: 'claude-opus-*', target: 'claude-opus-4-6-thinking' },
      { pattern: 'claude-sonnet-*', target: 'claude-sonnet-4-5-thinking' },
      { pattern: 'claude-haiku-*', target: 'gemini-3-flash' },
      { pattern: 'claude-3-5-haiku*', target: 'gemini-3-flash' },
    ],
  },
  {
    name: 'Claude Code on Gemini',
    description: "Claude Code runs on Gemini: main models on Gemini 3.1 Pro, haiku on Gemini 3 Flash. Leaves the accounts' Claude quota untouched.",
    rules: [
      { pattern: 'claude-opus-*', target: 'gemini-3.1-pro-high' },
      // Claude Code 2.1.197's `fable` and `best` aliases, and its named Mythos model.
      { pattern: 'claude-fable-*', target: 'gemini-3.1-pro-high' },
      { pattern: 'claude-mythos-*', target: 'gemini-3.1-pro-high' },
      { pattern: 'claude-sonnet-*', target: 'gemini-3.1-pro-high' },
      { pattern: 'claude-haiku-*', target: 'gemini-3-flash' },
      { pattern: 'claude-3-5-haiku*', target: 'gemini-3-flash' },
    ],
  },
  {
    name: 'Everything on Flash (cheapest)',
    description: 'Every model name, whatever the client asks for, goes to Gemini 3 Flash: the fastest and the one with the most quota.',
    rules: [{ pattern: '*', target: 'gemini-3-flash' }],
  },
];
