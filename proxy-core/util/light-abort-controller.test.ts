import { describe, expect, it } from 'vitest';
import { LightAbortController } from './light-abort-controller.js';

describe('LightAbortController', () => {
  it('fires each listener once, with the reason set, and ignores later aborts', () => {
    const controller = new LightAbortController();
    const calls: unknown[] = [];
    controller.signal.addEventListener('abort', () => calls.push(controller.signal.reason));
    controller.abort('first');
    controller.abort('second');
    expect(controller.signal.aborted).toBe(true);
    expect(calls).toEqual(['first']);
  });

  it('does not call a removed listener, and defaults the reason to an AbortError', () => {
    const controller = new LightAbortController();
    let called = false;
    const listener = () => {
      called = true;
    };
    controller.signal.addEventListener('abort', listener);
    controller.signal.removeEventListener('abort', listener);
    controller.abort();
    expect(called).toBe(false);
    expect(controller.signal.reason).toMatchObject({ name: 'AbortError' });
  });
});
