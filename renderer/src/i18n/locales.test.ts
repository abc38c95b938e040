/// <reference types="vite/client" />
/**
 * Fails on a missing translation: every language has exactly the English keys, with the same
 * {{placeholders}} and no empty text, and every key the source uses exists. Sources are read with
 * Vite's import.meta.glob (the renderer imports nothing from Node, tests included).
 */
import { describe, expect, it } from 'vitest';
import { resources } from './create-i18n.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [childKey, childValue] of flatten(value, path)) entries.set(childKey, childValue);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(resources.en.translation as unknown as Tree);
const languages = Object.entries(resources).map(([code, resource]) => [code, flatten(resource.translation as unknown as Tree)] as const);

const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./locales/**'], { query: '?raw', import: 'default', eager: true });
const namespaces = [...new Set([...english.keys()].map((key) => key.split('.')[0]))].join('|');
/** `t('a.b')`, and key literals kept in tables (`labelKey: 'nav.accounts'`, zod messages 'validation.port'). */
const keyPattern = new RegExp(String.raw`(?:\bt\(\s*|['"\`])((?:${namespaces})\.[A-Za-z0-9_.]+)['"\`]`, 'g');

describe('translations', () => {
  it.each(languages)('%s has exactly the English keys, non-empty, with the same placeholders', (_code, entries) => {
    expect([...entries.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of entries) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
    }
  });

  it('has every key the source uses', () => {
    const used = new Set<string>();
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(keyPattern)) {
        const key = match[1] ?? '';
        used.add(key);
        expect(english.has(key), `${file} uses "${key}", which en.ts lacks`).toBe(true);
      }
    }
    // The scan itself works: it finds keys from the pages, the navigation table and the schemas.
    expect(used.has('nav.accounts')).toBe(true);
    expect(used.has('validation.port')).toBe(true);
    expect(used.has('proxy.mapping.matched.wildcard')).toBe(true);
    expect(used.size).toBeGreaterThan(200);
  });

  it('has no unused keys', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) for (const match of text.matchAll(keyPattern)) used.add(match[1] ?? '');
    const unused = [...english.keys()].filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });
});
