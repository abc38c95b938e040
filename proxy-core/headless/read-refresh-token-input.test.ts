import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from './cli-io.js';
import { readRefreshTokenInput } from './read-refresh-token-input.js';

function io(overrides: Partial<CliIo>): CliIo {
  return { stdout: vi.fn(), stderr: vi.fn(), environment: {}, homeDir: '/home/test', stopSignal: new Promise(() => {}), readLine: async () => undefined, ...overrides };
}

function piped(...lines: string[]): CliIo['readLine'] {
  return async () => lines.shift();
}

describe('readRefreshTokenInput', () => {
  it('reads everything piped on stdin, several tokens included', async () => {
    expect(await readRefreshTokenInput(io({ readLine: piped('1//one', '', '1//two') }))).toBe('1//one\n\n1//two');
  });

  it('asks on a terminal without echo, and never reads stdin lines there', async () => {
    const readHiddenLine = vi.fn(async () => '1//typed');
    const readLine = vi.fn(async () => 'visible');
    expect(await readRefreshTokenInput(io({ stdinIsTerminal: true, readHiddenLine, readLine }))).toBe('1//typed');
    expect(readHiddenLine).toHaveBeenCalledWith(expect.stringMatching(/not shown/));
    expect(readLine).not.toHaveBeenCalled();
  });

  it('refuses an empty answer or empty stdin with what to do', async () => {
    await expect(readRefreshTokenInput(io({ stdinIsTerminal: true, readHiddenLine: async () => undefined }))).rejects.toThrow(/No refresh token was entered/);
    await expect(readRefreshTokenInput(io({ readLine: piped('', '  ') }))).rejects.toThrow(/pipe it in/);
  });
});
