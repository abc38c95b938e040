import { describe, expect, it } from 'vitest';
import { webSearchModel } from './choose-web-search-model.js';
import { resolveModel } from './resolve-model.js';
import { noTools, resolveTarget, type ToolTraits } from './resolve-target.js';

const target = (name: string, tools: ToolTraits | undefined, customMapping: Record<string, string> = {}) =>
  resolveTarget(resolveModel(name, { customMapping }), tools);

describe('resolveTarget', () => {
  it('calls the mapped model as an agent request when nothing else applies', () => {
    expect(target('gpt-4o', noTools, { 'gpt-4o': 'claude-sonnet-4-5' })).toEqual({
      requested: 'gpt-4o',
      model: 'claude-sonnet-4-5',
      rule: { kind: 'exact', pattern: 'gpt-4o' },
      webSearch: false,
      requestType: 'agent',
    });
  });

  it('runs a search-only request on a model that grounds, asked by name or by a tool', () => {
    expect(target('claude-sonnet-4-5-online', noTools)).toMatchObject({ model: webSearchModel, webSearch: true, requestType: 'agent' });
    expect(target('claude-sonnet-4-5', { searchTool: true, functionTools: false })).toMatchObject({ model: webSearchModel, webSearch: true });
    expect(target('gemini-3-flash', { searchTool: true, functionTools: false })).toMatchObject({ model: 'gemini-3-flash', webSearch: true });
    expect(target('gemini-3-pro-image-online', noTools)).toMatchObject({ model: webSearchModel, requestType: 'agent' });
  });

  it('keeps the model asked for when function tools come with the search (the converter drops the search)', () => {
    expect(target('claude-sonnet-4-5-online', { searchTool: false, functionTools: true })).toMatchObject({ model: 'claude-sonnet-4-5', webSearch: true });
    expect(target('claude-sonnet-4-5', { searchTool: true, functionTools: true })).toMatchObject({ model: 'claude-sonnet-4-5', webSearch: true });
    expect(target('claude-sonnet-4-5', { searchTool: false, functionTools: true })).toMatchObject({ model: 'claude-sonnet-4-5', webSearch: false });
  });

  it('never searches for an endpoint that cannot (tools undefined), whatever the name says', () => {
    expect(target('gemini-3-flash-online', undefined)).toMatchObject({ model: 'gemini-3-flash', webSearch: false });
    expect(target('claude-sonnet-4-5-online', undefined)).toMatchObject({ model: 'claude-sonnet-4-5', webSearch: false });
  });

  it('calls an image model without its size and ratio suffixes, which become its imageConfig, as image_gen', () => {
    expect(target('gemini-3-pro-image-16x9-4k', noTools)).toMatchObject({
      model: 'gemini-3-pro-image',
      imageConfig: { aspectRatio: '16:9', imageSize: '4K' },
      requestType: 'image_gen',
    });
    expect(target('my-drawer', undefined, { 'my-drawer': 'gemini-3-pro-image-2k' })).toMatchObject({ model: 'gemini-3-pro-image', imageConfig: { imageSize: '2K' } });
    const plain = target('gemini-3-pro-image', noTools);
    expect(plain).toMatchObject({ model: 'gemini-3-pro-image', requestType: 'image_gen' });
    expect(plain).not.toHaveProperty('imageConfig');
    // Only what the suffixes ask for: no key for the other.
    expect(target('gemini-3-pro-image-4k', noTools).imageConfig).toStrictEqual({ imageSize: '4K' });
    expect(target('gemini-3-pro-image-1x1', noTools).imageConfig).toStrictEqual({ aspectRatio: '1:1' });
  });
});
