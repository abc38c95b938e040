import { describe, expect, it } from 'vitest';
import { parseRefreshTokenList } from './parse-refresh-token-list.js';

describe('parseRefreshTokenList', () => {
  it('reads one token per line, skipping blank lines and # comments, and says where each came from', () => {
    expect(parseRefreshTokenList('# mine\n1//one\r\n\n   1//two  \n#1//commented\n')).toEqual([
      { where: 'line 2', token: '1//one' },
      { where: 'line 4', token: '1//two' },
    ]);
  });

  it('reads a JSON array of tokens and {refresh_token}/{refreshToken} objects; unusable entries are reported', () => {
    const text = JSON.stringify(['1//a', { email: 'b@example.com', refresh_token: '1//b' }, { refreshToken: '1//c' }, { email: 'x@example.com' }, 7]);
    expect(parseRefreshTokenList(text)).toEqual([
      { where: 'entry 1', token: '1//a' },
      { where: 'entry 2', token: '1//b' },
      { where: 'entry 3', token: '1//c' },
      { where: 'entry 4', problem: expect.stringContaining('refresh_token') },
      { where: 'entry 5', problem: expect.stringContaining('refresh_token') },
    ]);
  });

  it('refuses an empty list and broken JSON without quoting the file', () => {
    expect(() => parseRefreshTokenList('# nothing here\n\n')).toThrow(/No refresh tokens found/);
    let message = '';
    try {
      parseRefreshTokenList('["1//secret-token",');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('secret');
  });
});
