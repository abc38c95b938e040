import { describe, expect, it } from 'vitest';
import { sanitizeFunctionName } from './sanitize-function-name.js';

const validName = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

describe('sanitizeFunctionName', () => {
  it.each(['get_weather', 'mcp__github__create_pull_request', 'Bash', '_private', 'ns.tool:v2-beta'])('keeps the valid name %s', (name) => {
    expect(sanitizeFunctionName(name)).toBe(name);
  });

  it.each([
    ['read file', 'read_file'],
    ['@scope/tool', '_scope_tool'],
    ['github/create-issue', 'github_create-issue'],
    ['café', 'caf_'],
    ['tool🔧', 'tool_'],
    ['1password_lookup', '_1password_lookup'],
    ['-dash', '_-dash'],
    ['.hidden', '_.hidden'],
    ['', '_'],
  ])('rewrites %j to %j', (name, expected) => {
    expect(sanitizeFunctionName(name)).toBe(expected);
  });

  it('cuts to 64 characters, counting the added prefix', () => {
    expect(sanitizeFunctionName('a'.repeat(100))).toBe('a'.repeat(64));
    expect(sanitizeFunctionName('9'.repeat(100))).toBe(`_${'9'.repeat(63)}`);
  });

  it('always returns a name the upstream accepts', () => {
    const alphabet = ['a', 'Z', '0', '_', '.', ':', '-', ' ', '/', 'é', '🔧', '\n', '$'];
    for (let length = 0; length < 80; length++) {
      const name = Array.from({ length }, (_, index) => alphabet[(index * 7 + length) % alphabet.length]).join('');
      expect(sanitizeFunctionName(name)).toMatch(validName);
    }
  });
});
