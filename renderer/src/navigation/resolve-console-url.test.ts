import { describe, expect, it } from 'vitest';
import { resolveConsoleUrlForPort } from './resolve-console-url.js';

describe('resolveConsoleUrlForPort', () => {
  it('keeps scheme, host and path, swaps the port, drops the hash', () => {
    expect(resolveConsoleUrlForPort('http://127.0.0.1:8045/console/#/proxy', 9000)).toBe('http://127.0.0.1:9000/console/');
    expect(resolveConsoleUrlForPort('http://192.168.1.20:8045/console/', 8046)).toBe('http://192.168.1.20:8046/console/');
    expect(resolveConsoleUrlForPort('http://[::1]:8045/console/', 80)).toBe('http://[::1]/console/');
  });

  it('has nothing to do when the port is the same or the page is not served over HTTP', () => {
    expect(resolveConsoleUrlForPort('http://localhost:8045/console/', 8045)).toBeNull();
    expect(resolveConsoleUrlForPort('file:///app/out/renderer/index.html', 9000)).toBeNull();
  });
});
