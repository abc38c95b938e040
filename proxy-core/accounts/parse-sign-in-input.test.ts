import { describe, expect, it } from 'vitest';
import { parseSignInInput } from './parse-sign-in-input.js';

describe('parseSignInInput', () => {
  it('reads code and state from the address the browser ended on', () => {
    expect(parseSignInInput('http://127.0.0.1:51234/oauth-callback?state=abc123&code=4%2F0AanRRrt-x_y&scope=email%20openid')).toEqual({
      kind: 'code',
      code: '4/0AanRRrt-x_y',
      state: 'abc123',
    });
  });

  it('accepts the query string alone, quotes and whitespace around it', () => {
    expect(parseSignInInput('  "state=s&code=4/0Abc-def"\n')).toEqual({ kind: 'code', code: '4/0Abc-def', state: 's' });
    expect(parseSignInInput('?code=4/0Abc-defghij')).toEqual({ kind: 'code', code: '4/0Abc-defghij' });
  });

  it('accepts a bare code, URL-encoded or not', () => {
    expect(parseSignInInput('4/0AanRRrtSomething')).toEqual({ kind: 'code', code: '4/0AanRRrtSomething' });
    expect(parseSignInInput('4%2F0AanRRrtSomething')).toEqual({ kind: 'code', code: '4/0AanRRrtSomething' });
  });

  it("passes on Google's error", () => {
    expect(parseSignInInput('http://127.0.0.1:1/oauth-callback?error=access_denied&state=s')).toEqual({ kind: 'error', error: 'access_denied', state: 's' });
  });

  it('refuses empty input, an address without a code and text that is no code', () => {
    expect(() => parseSignInInput('   ')).toThrow(/Nothing was pasted/);
    expect(() => parseSignInInput('http://127.0.0.1:1/oauth-callback?state=s')).toThrow(/has no code/);
    expect(() => parseSignInInput('I could not sign in')).toThrow(/does not look like a sign-in code/);
    expect(() => parseSignInInput('short')).toThrow(/does not look like/);
  });
});
