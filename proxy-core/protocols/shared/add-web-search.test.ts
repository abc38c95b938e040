import { describe, expect, it } from 'vitest';
import type { ConversionWarning } from '../../canonical/conversion-warning.js';
import { addWebSearch } from './add-web-search.js';

describe('addWebSearch', () => {
  it('asks for Google Search grounding when no function is declared', () => {
    const warnings: ConversionWarning[] = [];
    expect(addWebSearch(undefined, warnings)).toEqual([{ googleSearch: {} }]);
    expect(addWebSearch([{ functionDeclarations: [] }], warnings)).toEqual([{ googleSearch: {} }]);
    expect(warnings).toEqual([]);
  });

  it('keeps the functions and drops the search, with a warning, since the upstream cannot mix them', () => {
    const warnings: ConversionWarning[] = [];
    const tools = [{ functionDeclarations: [{ name: 'f' }] }];
    expect(addWebSearch(tools, warnings)).toBe(tools);
    expect(warnings).toEqual([{ code: 'web_search_dropped', message: expect.stringContaining('web search dropped') }]);
  });
});
