import { describe, expect, it } from 'vitest';
import { readSignInToken } from './read-sign-in-token.js';

describe('readSignInToken', () => {
  it("takes the token from console-login's link fragment", () => {
    expect(readSignInToken('#token=skyport-admin-AbC_d-1')).toBe('skyport-admin-AbC_d-1');
    expect(readSignInToken('#token=a%2Bb')).toBe('a+b');
  });

  it('leaves page routes and broken fragments alone', () => {
    expect(readSignInToken('#/settings')).toBeNull();
    expect(readSignInToken('')).toBeNull();
    expect(readSignInToken('#token=')).toBeNull();
    expect(readSignInToken('#token=%E0%A4%A')).toBeNull();
  });
});
