import { describe, expect, it } from 'vitest';
import { formatBaseUrl } from './format-base-url.js';

describe('formatBaseUrl', () => {
  it('shows loopback for wildcard binds and brackets IPv6', () => {
    expect(formatBaseUrl('0.0.0.0', 8045)).toBe('http://127.0.0.1:8045/v1');
    expect(formatBaseUrl('::1', 9000)).toBe('http://[::1]:9000/v1');
    expect(formatBaseUrl('127.0.0.1', 8045)).toBe('http://127.0.0.1:8045/v1');
  });
});
