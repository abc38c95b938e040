import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyChunks } from './read-body-chunks.js';

/** The bytes read (chunk boundaries do not count) and how the reading ended. */
async function drain(iterator: AsyncIterator<Buffer, undefined>): Promise<{ bytes: string; error?: { message: string; code?: string } }> {
  let bytes = '';
  try {
    for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) bytes += step.value.toString();
    return { bytes };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    return { bytes, error: code === undefined ? { message } : { message, code } };
  }
}

/** The same scripted stream read by readBodyChunks and by the Readable's own async iterator. */
async function both(script: (stream: PassThrough) => void) {
  const ours = new PassThrough();
  const theirs = new PassThrough();
  const results = Promise.all([drain(readBodyChunks(ours)), drain(theirs[Symbol.asyncIterator]())]);
  script(ours);
  script(theirs);
  const [got, expected] = await results;
  return { got, expected };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('readBodyChunks', () => {
  it('reads chunks in order to the end, as the async iterator does', async () => {
    const { got, expected } = await both((stream) => {
      stream.write('a');
      setImmediate(() => {
        stream.write('b');
        stream.end('c');
      });
    });
    expect(got).toEqual(expected);
    expect(got.bytes).toBe('abc');
  });

  it('rejects with the stream error', async () => {
    const { got, expected } = await both((stream) => {
      stream.write('a');
      setImmediate(() => stream.destroy(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
    });
    expect(got).toEqual(expected);
    expect(got.error).toEqual({ message: 'other side closed', code: 'UND_ERR_SOCKET' });
  });

  it('rejects a close before the end as a premature close', async () => {
    const { got, expected } = await both((stream) => {
      stream.write('a');
      setImmediate(() => stream.destroy());
    });
    expect(got).toEqual(expected);
    expect(got.error?.code).toBe('ERR_STREAM_PREMATURE_CLOSE');
  });

  it('ends at once on an empty stream', async () => {
    const { got, expected } = await both((stream) => stream.end());
    expect(got).toEqual(expected);
    expect(got).toEqual({ bytes: '' });
  });

  it('pauses the stream while bytes wait for a read, and resumes it for the next read', async () => {
    const stream = new PassThrough();
    const reader = readBodyChunks(stream);
    stream.write('a');
    stream.write('b');
    await tick();
    expect(stream.isPaused()).toBe(true);
    let bytes = '';
    while (bytes.length < 2) bytes += (await reader.next()).value?.toString() ?? '';
    expect(bytes).toBe('ab');
    const pending = reader.next();
    expect(stream.isPaused()).toBe(false);
    stream.end('c');
    expect((await pending).value?.toString()).toBe('c');
    expect((await reader.next()).done).toBe(true);
  });

  it('hands a waiting read every chunk of the same turn in one piece', async () => {
    const stream = new PassThrough();
    const reader = readBodyChunks(stream);
    const pending = reader.next();
    await tick();
    stream.write('a');
    stream.write('b');
    stream.write('c');
    expect((await pending).value?.toString()).toBe('abc');
  });

  it('destroys the stream on return', async () => {
    const stream = new PassThrough();
    const reader = readBodyChunks(stream);
    stream.write('a');
    expect((await reader.next()).value?.toString()).toBe('a');
    await reader.return?.();
    expect(stream.destroyed).toBe(true);
  });
});
