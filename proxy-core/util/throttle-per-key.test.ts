import { describe, expect, it } from 'vitest';
import { throttlePerKey } from './throttle-per-key.js';

describe('throttlePerKey', () => {
  it('lets one call per key through per interval', () => {
    let time = 0;
    const calls: string[] = [];
    const throttled = throttlePerKey((key) => calls.push(key), 60_000, () => time);
    throttled('a');
    throttled('a');
    throttled('b');
    time = 59_999;
    throttled('a');
    time = 60_000;
    throttled('a');
    expect(calls).toEqual(['a', 'b', 'a']);
  });
});
