import { describe, expect, it } from 'vitest';
import { formatGroundingSources, showsSourcesAsText } from './format-grounding-sources.js';

describe('formatGroundingSources', () => {
  it('lists the queries and numbers the pages as markdown links after the answer', () => {
    const text = formatGroundingSources({
      queries: ['weather rome'],
      pages: [
        { uri: 'https://a.example/1', title: 'a.example' },
        { uri: 'https://b.example/2', title: 'Weather [live]' },
      ],
    });
    expect(text).toBe('\n\nSources (Google Search: "weather rome"):\n1. [a.example](https://a.example/1)\n2. [Weather \\[live\\]](https://b.example/2)\n');
  });

  it('names the page by its address when it has no title, and keeps the link intact', () => {
    expect(formatGroundingSources({ queries: [], pages: [{ uri: 'https://a.example/x (1) y', title: '' }] })).toBe(
      '\n\nSources:\n1. [https://a.example/x (1) y](https://a.example/x%20(1%29%20y)\n',
    );
  });

  it('is empty when the search found no page', () => {
    expect(formatGroundingSources({ queries: ['x'], pages: [] })).toBe('');
  });
});

describe('showsSourcesAsText', () => {
  it('is false only for an answer that must be JSON', () => {
    expect(showsSourcesAsText({ contents: [] })).toBe(true);
    expect(showsSourcesAsText({ contents: [], generationConfig: { responseMimeType: 'text/plain' } })).toBe(true);
    expect(showsSourcesAsText({ contents: [], generationConfig: { responseMimeType: 'application/json' } })).toBe(false);
  });
});
