/**
 * What Google Search grounding used, as text after the answer: the queries it ran and a numbered
 * markdown list of the pages (Antigravity Manager appends the same kind of block). Every client
 * shows text, so every protocol without a place for the metadata itself renders a `grounding`
 * event this way. Empty when there is nothing to cite.
 */
import type { GroundingSources } from '../../canonical/generation-event.js';
import type { GeminiGenerateContentRequest } from '../../canonical/gemini-schemas.js';

export function formatGroundingSources(sources: GroundingSources): string {
  if (sources.pages.length === 0) return '';
  const searched = sources.queries.length === 0 ? '' : ` (Google Search: ${sources.queries.map((query) => JSON.stringify(query)).join(', ')})`;
  const lines = sources.pages.map((page, index) => `${index + 1}. [${escapeLinkText(page.title || page.uri)}](${page.uri.replaceAll(')', '%29').replaceAll(' ', '%20')})`);
  return `\n\nSources${searched}:\n${lines.join('\n')}\n`;
}

/**
 * Whether an answer to this upstream request may get the sources text after it: not when the
 * answer must be JSON only (`responseMimeType: application/json`), which the text would break.
 */
export function showsSourcesAsText(request: GeminiGenerateContentRequest): boolean {
  return request.generationConfig?.responseMimeType !== 'application/json';
}

/** A title may hold markdown's own brackets. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (character) => `\\${character}`);
}
