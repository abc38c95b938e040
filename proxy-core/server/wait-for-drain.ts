import type { Writable } from 'node:stream';

/** Resolves when the client can take more bytes again, or has gone away. */
export function waitForDrain(response: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
