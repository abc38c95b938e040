import { describe, expect, it } from 'vitest';
import { readSseBatches, type SseBatchesOptions } from './read-sse-batches.js';

/** A body that hands out the given reads in order, then ends (or fails with `error`). */
function body(reads: string[], error?: Error): AsyncIterator<Buffer, undefined> & { returned: boolean } {
  let index = 0;
  return {
    returned: false,
    next() {
      if (index < reads.length) return Promise.resolve({ done: false, value: Buffer.from(reads[index++] as string) });
      return error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(error);
    },
  };
}

function setup(reads: string[], error?: Error) {
  const log: string[] = [];
  const options: SseBatchesOptions<number> = {
    body: body(reads, error),
    readEvent(data) {
      if (data === 'keep-alive') return undefined;
      const value = Number(data);
      if (Number.isNaN(value)) throw new Error(`bad item ${data}`);
      return value;
    },
    beforeRead: () => log.push('arm'),
    afterRead: () => log.push('disarm'),
    describeReadError: (cause) => new Error(`read failed: ${(cause as Error).message}`),
    release: () => log.push('release'),
  };
  return { log, batches: readSseBatches(options) };
}

async function drain(iterator: AsyncIterator<number[], undefined>): Promise<{ batches: number[][]; error?: unknown }> {
  const batches: number[][] = [];
  try {
    for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) batches.push(step.value);
  } catch (error) {
    return { batches, error };
  }
  return { batches };
}

describe('readSseBatches', () => {
  it('hands out one batch per read that completes items, skipping reads and events that complete none', async () => {
    const { log, batches } = setup(['data: 1\n\ndata: 2\n\nda', 'ta: 3', '\n\n: comment\n\n', 'data: keep-alive\n\n', 'data: 4\n\n']);
    expect(await drain(batches)).toEqual({ batches: [[1, 2], [3], [4]] });
    // Armed around every wait (five reads and the end), released once at the end.
    expect(log).toEqual([...Array.from({ length: 6 }, () => ['arm', 'disarm']).flat(), 'release']);
  });

  it('delivers an event still pending when the body ends', async () => {
    const { batches } = setup(['data: 1\n\ndata: 2']);
    expect(await drain(batches)).toEqual({ batches: [[1], [2]] });
  });

  it('hands out the items before a bad one, then fails, releasing once', async () => {
    const { log, batches } = setup(['data: 1\n\ndata: x\n\ndata: 3\n\n']);
    const result = await drain(batches);
    expect(result.batches).toEqual([[1]]);
    expect(result.error).toEqual(new Error('bad item x'));
    expect(log.filter((entry) => entry === 'release')).toHaveLength(1);
    expect(await batches.next()).toEqual({ done: true, value: undefined });
  });

  it('fails at once when the first item of a read is bad', async () => {
    const { batches } = setup(['data: 1\n\n', 'data: x\n\n']);
    const result = await drain(batches);
    expect(result.batches).toEqual([[1]]);
    expect(result.error).toEqual(new Error('bad item x'));
  });

  it('turns a failed read into the described error, after disarming and before releasing', async () => {
    const { log, batches } = setup(['data: 1\n\n'], new Error('reset'));
    const result = await drain(batches);
    expect(result.batches).toEqual([[1]]);
    expect(result.error).toEqual(new Error('read failed: reset'));
    expect(log.slice(-3)).toEqual(['arm', 'disarm', 'release']);
  });

  it('releases when the consumer stops, also before the first read, and only once', async () => {
    const early = setup(['data: 1\n\n']);
    await early.batches.return?.();
    await early.batches.return?.();
    expect(early.log).toEqual(['release']);
    expect(await early.batches.next()).toEqual({ done: true, value: undefined });

    const later = setup(['data: 1\n\n', 'data: 2\n\n']);
    expect(await later.batches.next()).toEqual({ done: false, value: [1] });
    await later.batches.return?.();
    expect(later.log).toEqual(['arm', 'disarm', 'release']);
  });
});
