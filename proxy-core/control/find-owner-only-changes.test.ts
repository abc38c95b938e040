import { describe, expect, it } from 'vitest';
import { createDefaultSettings } from '../config/settings-schema.js';
import { findOwnerOnlyChanges, refuseOwnerOnlyChanges } from './find-owner-only-changes.js';
import { mergeSettings } from './merge-settings.js';

describe('findOwnerOnlyChanges', () => {
  const current = createDefaultSettings();

  it('names each upstream field a merged change would alter, known to the schema or not', () => {
    const next = mergeSettings(current, { upstream: { oauth_token_url: 'http://127.0.0.1:1/token', some_future_field: 1 }, proxy: { port: 9000 } });
    expect(findOwnerOnlyChanges(current, next)).toEqual(['upstream.oauth_token_url', 'upstream.some_future_field']);
  });

  it('lets equal values through (an exported file round-trips) and ignores other sections', () => {
    expect(findOwnerOnlyChanges(current, mergeSettings(current, { upstream: structuredClone(current.upstream), proxy: { port: 9000 } }))).toEqual([]);
    expect(() => refuseOwnerOnlyChanges(current, mergeSettings(current, { upstream: structuredClone(current.upstream) }))).not.toThrow();
  });

  it('refuses a whole upstream section replaced by something else', () => {
    expect(findOwnerOnlyChanges(current, { ...current, upstream: 'elsewhere' })).toEqual(['upstream']);
  });

  it('throws a 400 naming the field and the owner channels', () => {
    expect(() => refuseOwnerOnlyChanges(current, mergeSettings(current, { upstream: { base_urls: ['http://evil.example'] } }))).toThrow(
      expect.objectContaining({ status: 400, code: 'owner_only_setting', param: 'upstream.base_urls', message: expect.stringMatching(/config set upstream\.base_urls.*SKYPORT_UPSTREAM_BASE_URLS/) }),
    );
  });
});
