import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { readPassphraseInput } from './read-passphrase-input.js';

function io(options: { hidden?: Array<string | undefined>; lines?: string[] }): CliIo & { prompts: string[] } {
  const hidden = [...(options.hidden ?? [])];
  const lines = [...(options.lines ?? [])];
  const prompts: string[] = [];
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    environment: {},
    homeDir: '/home/me',
    stopSignal: new Promise(() => {}),
    readLine: async () => lines.shift(),
    ...(options.hidden === undefined
      ? { stdinIsTerminal: false }
      : {
          stdinIsTerminal: true,
          readHiddenLine: async (prompt: string) => {
            prompts.push(prompt);
            return hidden.shift();
          },
        }),
    prompts,
  };
}

describe('readPassphraseInput', () => {
  it('asks twice on a terminal when encrypting, without echo, and refuses two different answers', async () => {
    const same = io({ hidden: ['river stone tea', 'river stone tea'] });
    expect(await readPassphraseInput(same, 'encrypt')).toBe('river stone tea');
    expect(same.prompts).toEqual(['Passphrase for the backup (not shown as you type): ', 'The same passphrase again: ']);
    await expect(readPassphraseInput(io({ hidden: ['river stone tea', 'river stone tee'] }), 'encrypt')).rejects.toMatchObject({ code: 'passphrase_mismatch' });
  });

  it('asks once when decrypting, and gives up on Ctrl-C', async () => {
    const once = io({ hidden: ['river stone tea'] });
    expect(await readPassphraseInput(once, 'decrypt')).toBe('river stone tea');
    expect(once.prompts).toHaveLength(1);
    await expect(readPassphraseInput(io({ hidden: [undefined] }), 'decrypt')).rejects.toMatchObject({ code: 'passphrase_required' });
  });

  it('takes the first piped line as it is (spaces kept, the line ending not), and refuses an empty pipe', async () => {
    expect(await readPassphraseInput(io({ lines: [' spaced words \r', 'second line'] }), 'encrypt')).toBe(' spaced words ');
    await expect(readPassphraseInput(io({ lines: [] }), 'decrypt')).rejects.toMatchObject({ code: 'passphrase_required' });
  });
});
