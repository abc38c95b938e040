import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDesktopGateway } from './start-desktop-gateway.js';

function fakeApp(options: { locked: boolean; dataDir: string }) {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  return {
    requestSingleInstanceLock: vi.fn(() => options.locked),
    getPath: vi.fn(() => options.dataDir),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    on: vi.fn((name: string, handler: (event: { preventDefault(): void }) => void) => {
      handlers.set(name, handler);
    }),
    handlers,
  };
}

describe('startDesktopGateway', () => {
  it('quits a second instance without touching the data', async () => {
    const app = fakeApp({ locked: false, dataDir: '/nonexistent' });
    expect(await startDesktopGateway(app as never)).toBeUndefined();
    expect(app.quit).toHaveBeenCalled();
    expect(app.getPath).not.toHaveBeenCalled();
  });

  it('keeps its settings in userData and closes the gateway before quitting', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skyport-desktop-'));
    const app = fakeApp({ locked: true, dataDir });
    const gateway = await startDesktopGateway(app as never);
    expect(gateway?.status().running).toBe(false);
    expect(app.getPath).toHaveBeenCalledWith('userData');
    const preventDefault = vi.fn();
    app.handlers.get('before-quit')?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });
});
