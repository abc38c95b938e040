/** Lines typed or piped on a stream, one at a time on request (the CLI's manual sign-in fallback). */
import { createInterface } from 'node:readline';

export interface LineReader {
  /** The next line; undefined at the end of input or once `signal` aborts. */
  readLine(signal?: AbortSignal): Promise<string | undefined>;
  close(): void;
}

export function createLineReader(input: NodeJS.ReadableStream): LineReader {
  const lines: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let ended = false;
  const readline = createInterface({ input, terminal: false });
  readline.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter === undefined) lines.push(line);
    else waiter(line);
  });
  readline.on('close', () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });

  return {
    readLine(signal) {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended || signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const waiter = (value: string | undefined) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        };
        const onAbort = () => {
          const index = waiting.indexOf(waiter);
          if (index !== -1) waiting.splice(index, 1);
          resolve(undefined);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(waiter);
      });
    },
    close() {
      readline.close();
    },
  };
}
