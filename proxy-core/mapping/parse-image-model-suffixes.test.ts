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
    // And a second ratio suffix.
    ['gemini-3-pro-image-16x9-1x1', { model: 'gemini-3-pro-image-16x9', aspectRatio: '1:1' }],
    // A ratio is the whole suffix: nothing before or after it.
    ['gemini-3-pro-image-a16x9', { model: 'gemini-3-pro-image-a16x9' }],
    ['gemini-3-pro-image-16x9a', { model: 'gemini-3-pro-image-16x9a' }],
    // A name that is only a suffix, or starts with its dash, keeps it.
    ['4k', { model: '4k' }],
    ['-4k', { model: '-4k' }],
  ])('%s', (model, expected) => {
    // Strictly: no aspectRatio or imageSize key when the name does not ask for one.
    expect(parseImageModelSuffixes(model)).toStrictEqual(expected);
  });
});
