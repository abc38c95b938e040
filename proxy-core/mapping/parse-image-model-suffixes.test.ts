import { describe, expect, it } from 'vitest';
import { parseImageModelSuffixes } from './parse-image-model-suffixes.js';

describe('parseImageModelSuffixes', () => {
  it.each([
    ['gemini-3-pro-image', { model: 'gemini-3-pro-image' }],
    ['gemini-3-pro-image-16x9', { model: 'gemini-3-pro-image', aspectRatio: '16:9' }],
    ['gemini-3-pro-image-4k', { model: 'gemini-3-pro-image', imageSize: '4K' }],
    ['gemini-3-pro-image-hd', { model: 'gemini-3-pro-image', imageSize: '4K' }],
    ['gemini-3-pro-image-16x9-2k', { model: 'gemini-3-pro-image', aspectRatio: '16:9', imageSize: '2K' }],
    ['gemini-3-pro-image-2K-9x16', { model: 'gemini-3-pro-image', aspectRatio: '9:16', imageSize: '2K' }],
    // 7:3 is not a ratio Gemini offers, so it stays part of the name.
    ['gemini-3-pro-image-7x3', { model: 'gemini-3-pro-image-7x3' }],
    // One suffix of each kind: a second size suffix is part of the name.
    ['gemini-3-pro-image-4k-2k', { model: 'gemini-3-pro-image-4k', imageSize: '2K' }],
  ])('%s', (model, expected) => {
    expect(parseImageModelSuffixes(model)).toEqual(expected);
  });
});
