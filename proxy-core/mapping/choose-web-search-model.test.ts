import { describe, expect, it } from 'vitest';
import { chooseWebSearchModel, webSearchModel } from './choose-web-search-model.js';

describe('chooseWebSearchModel', () => {
  it('keeps a Gemini text model and moves anything else to the search model', () => {
    expect(chooseWebSearchModel('gemini-3-flash')).toBe('gemini-3-flash');
    expect(chooseWebSearchModel('claude-sonnet-4-5')).toBe(webSearchModel);
    expect(chooseWebSearchModel('gemini-3-pro-image')).toBe(webSearchModel);
  });
});
