/**
 * One line typed on a terminal without echoing it: the terminal goes to raw mode, keys are read
 * one at a time, and nothing is written back but the prompt and the final newline. Ctrl-C and
 * Ctrl-D give up (undefined); Backspace works. For secrets such as refresh tokens.
 */
import type { ReadStream } from 'node:tty';

export function readHiddenLine(input: Pick<ReadStream, 'setRawMode' | 'on' | 'removeListener' | 'resume' | 'pause' | 'isRaw'>, output: { write(text: string): unknown }, prompt: string): Promise<string | undefined> {
  output.write(prompt);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | undefined) => {
      input.removeListener('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') return finish(typed);
        if (character === '\u0003' || character === '\u0004') return finish(undefined);
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else if (character >= ' ') typed += character;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}
