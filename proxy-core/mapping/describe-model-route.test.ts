import { describe, expect, it } from 'vitest';
import { describeModelRoute } from './describe-model-route.js';
import { resolveModel } from './resolve-model.js';
import { noTools, resolveTarget } from './resolve-target.js';

const describeName = (name: string, customMapping: Record<string, string> = {}) => describeModelRoute(resolveTarget(resolveModel(name, { customMapping }), noTools));

describe('describeModelRoute', () => {
  it('describes a text model: the mapping, the rule and an agent call', () => {
    expect(describeName('gpt-4o', { 'gpt-4*': 'gemini-3-flash' })).toEqual({
      model: 'gpt-4o',
      mapped_model: 'gemini-3-flash',
      type: 'agent',
      rule: { kind: 'wildcard', pattern: 'gpt-4*' },
      features: { has_web_search: false, is_image_gen: false },
    });
    expect(describeName('gemini-3-flash').rule).toEqual({ kind: 'upstream_model', pattern: null });
  });

  it('describes an image model by its suffixes: the model called, image_gen, and the imageConfig they ask for', () => {
    expect(describeName('gemini-3-pro-image-16x9-4k')).toEqual({
      model: 'gemini-3-pro-image-16x9-4k',
      mapped_model: 'gemini-3-pro-image',
      type: 'image_gen',
      rule: { kind: 'passthrough', pattern: null },
      features: { has_web_search: false, is_image_gen: true },
      config: { aspectRatio: '16:9', imageSize: '4K' },
    });
  });

  it('describes an -online name: the model without the suffix, searching the web (Claude moves to the search model)', () => {
    expect(describeName('gemini-3-flash-online')).toMatchObject({ mapped_model: 'gemini-3-flash', rule: { kind: 'upstream_model' }, features: { has_web_search: true } });
    expect(describeName('claude-sonnet-4-5-online')).toMatchObject({ mapped_model: 'gemini-2.5-flash', features: { has_web_search: true } });
    expect(describeName('researcher', { researcher: 'gemini-3-pro-high-online' })).toMatchObject({ mapped_model: 'gemini-3-pro-high', features: { has_web_search: true } });
  });

  it('follows a rule to an image model, and leaves config out when no suffix asks for anything', () => {
    const described = describeName('dall-e-3');
    expect(described).toMatchObject({ mapped_model: 'gemini-3-pro-image', type: 'image_gen', rule: { kind: 'default' } });
    expect(described).not.toHaveProperty('config');
    expect(describeName('my-drawer', { 'my-drawer': 'gemini-3-pro-image-1x1' })).toMatchObject({ mapped_model: 'gemini-3-pro-image', config: { aspectRatio: '1:1' } });
  });
});
