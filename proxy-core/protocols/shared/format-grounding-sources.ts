/**
 * What Google Search grounding used, as text after the answer: the queries it ran and a numbered
 * markdown list of the pages (Antigravity Manager appends the same kind of block). Every client
 * shows text, so every protocol gets the sources this way. Empty when there is nothing to cite.
 */
export interface GroundingSources {
  queries: readonly string[];
  pages: ReadonlyArray<{ uri: string; title: string }>;
}

export function formatGroundingSources(sources: GroundingSources): string {
  if (sources.pages.length === 0) return '';
  const searched = sources.queries.length === 0 ? '' : ` (Google Search: ${sources.queries.map((query) => JSON.stringify(query)).join(', ')})`;
  const lines = sources.pages.map((page, index) => `${index + 1}. [${escapeLinkText(page.title || page.uri)}](${page.uri.replaceAll(')', '%29').replaceAll(' ', '%20')})`);
  return `\n\nSources${searched}:\n${lines.join('\n')}\n`;
}

/** A title may hold markdown's own brackets. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (character) => `\\${character}`);
}
