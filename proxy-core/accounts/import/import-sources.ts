/** The apps whose accounts Skyport brings in (plain data, so the ControlApi's schemas can name them without loading the readers). */
export const importSources = ['antigravity', 'gemini-cli', 'antigravity-manager'] as const;
export type ImportSource = (typeof importSources)[number];

export const importSourceLabels: Record<ImportSource, string> = {
  antigravity: 'Antigravity',
  'gemini-cli': 'Gemini CLI',
  'antigravity-manager': 'Antigravity Manager',
};
