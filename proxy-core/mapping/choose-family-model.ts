/**
 * Model families: what kind of model a name asks for (`gemini-4-flash` is a Flash, `claude-opus-9`
 * an Opus), and which served model of that kind and tier answers it. Clients rename their models
 * every few weeks; a name nobody listed yet still says what it wants, so the gateway can serve it
 * with the closest model instead of forwarding it blind to a 404 (resolve-model.ts, rule `family`).
 *
 * The served model is picked from what the accounts list (`fetchAvailableModels`) when that is
 * known, in the order of `preferred` and then any listed id of the family; with nothing listed yet,
 * the built-in choice (an id of known-upstream-models.ts).
 */

export type ModelFamilyName = 'image' | 'flash-lite' | 'flash' | 'pro' | 'opus' | 'sonnet' | 'haiku';

interface FamilyGroup {
  /** Listed ids, best first. */
  preferred: readonly string[];
  /** Whether another listed id belongs to the group. */
  matches: (id: string) => boolean;
}

const isImage = (id: string) => id.startsWith('gemini-') && id.includes('image');

const groups = {
  image: { preferred: ['gemini-3-pro-image'], matches: isImage },
  'flash-lite': { preferred: ['gemini-3.1-flash-lite', 'gemini-2.5-flash-lite'], matches: (id) => id.startsWith('gemini-') && id.includes('flash-lite') && !isImage(id) },
  flash: { preferred: ['gemini-3-flash', 'gemini-2.5-flash'], matches: (id) => id.startsWith('gemini-') && id.includes('flash') && !id.includes('lite') && !isImage(id) },
  pro: {
    preferred: ['gemini-3.1-pro-high', 'gemini-3-pro-high', 'gemini-3.1-pro-low', 'gemini-3-pro-low', 'gemini-2.5-pro'],
    matches: (id) => id.startsWith('gemini-') && id.includes('pro') && !isImage(id),
  },
  opus: { preferred: ['claude-opus-4-6-thinking', 'claude-opus-4-5-thinking'], matches: (id) => id.startsWith('claude-') && id.includes('opus') },
  sonnet: { preferred: ['claude-sonnet-4-5-thinking', 'claude-sonnet-4-6', 'claude-sonnet-4-5'], matches: (id) => id.startsWith('claude-') && id.includes('sonnet') },
} satisfies Record<string, FamilyGroup>;

type GroupName = keyof typeof groups;

/**
 * Where each family looks, in order, when an account lists none of the first group: a Claude
 * family with no Claude model listed is served by Gemini Pro; Haiku goes to Flash, as the built-in
 * table sends it (a fast model keeps Claude quota for real work).
 */
const searchOrder: Record<ModelFamilyName, readonly GroupName[]> = {
  image: ['image'],
  'flash-lite': ['flash-lite', 'flash'],
  flash: ['flash'],
  pro: ['pro', 'flash'],
  opus: ['opus', 'sonnet', 'pro'],
  sonnet: ['sonnet', 'opus', 'pro'],
  haiku: ['flash'],
};

/** With no account's list known: ids the upstream has long served (known-upstream-models.ts). */
const builtInChoice: Record<ModelFamilyName, string> = {
  image: 'gemini-3-pro-image',
  'flash-lite': 'gemini-3-flash',
  flash: 'gemini-3-flash',
  pro: 'gemini-3-pro-high',
  opus: 'claude-opus-4-6-thinking',
  sonnet: 'claude-sonnet-4-5-thinking',
  haiku: 'gemini-3-flash',
};

/**
 * The family a model name belongs to, or none (`foo`, `llama-3`): the patterns are
 * `gemini-*image*`, `*flash-lite*`, `*flash*`, `gemini-*pro*`, `claude-*opus*`, `*sonnet*`, `*haiku*`,
 * tried in that order (an image or Lite model is also a "flash" by name).
 */
export function detectModelFamily(name: string): ModelFamilyName | undefined {
  const id = name.toLowerCase();
  if (isImage(id)) return 'image';
  if (id.includes('flash-lite')) return 'flash-lite';
  if (id.includes('flash')) return 'flash';
  if (id.startsWith('gemini-') && id.includes('pro')) return 'pro';
  if (id.startsWith('claude-') && id.includes('opus')) return 'opus';
  if (id.includes('sonnet')) return 'sonnet';
  if (id.includes('haiku')) return 'haiku';
  return undefined;
}

/**
 * The served model for a family. `served`: the ids the accounts list (empty or absent when no
 * account was read yet). A name that asks for a low tier (`gemini-4-pro-low`) gets a `-low` model
 * first when one is listed.
 */
export function chooseFamilyModel(family: ModelFamilyName, served: ReadonlySet<string> | undefined, options: { lowTier?: boolean } = {}): string {
  if (served === undefined || served.size === 0) return options.lowTier === true && family === 'pro' ? 'gemini-3-pro-low' : builtInChoice[family];
  for (const groupName of searchOrder[family]) {
    const group: FamilyGroup = groups[groupName];
    const listed = [...group.preferred.filter((id) => served.has(id)), ...[...served].filter((id) => !group.preferred.includes(id) && group.matches(id)).sort().reverse()];
    // The tier asked for first: `-low` models only for a name that says low.
    const low = options.lowTier === true;
    const tiered = [...listed.filter((id) => id.includes('-low') === low), ...listed.filter((id) => id.includes('-low') !== low)];
    if (tiered[0] !== undefined) return tiered[0];
  }
  return builtInChoice[family];
}
