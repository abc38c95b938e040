/** The preload with Electron mocked: what the page gets as `window.skyport`. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { controlOperationNames } from '../proxy-core/index.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, Record<string, unknown>>(),
  invoke: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeEach(async () => {
  vi.resetModules();
  electron.exposed.clear();
  electron.invoke.mockReset();
  await import('./preload.js');
  api = electron.exposed.get('skyport') as Api;
});

describe('preload', () => {
  it('exposes exactly one function per operation, the launch-at-login pair and onEvent: never ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['skyport']);
    expect(Object.keys(api).sort()).toEqual(
      [
        ...controlOperationNames,
        'getLaunchAtLogin',
        'setLaunchAtLogin',
        'getUpdateStatus',
        'setUpdatePreferences',
        'checkForUpdates',
        'restartToUpdate',
        'showLogs',
        'onEvent',
        'onUpdateStatus',
      ].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
  });

  it('invokes skyport:<name> with the input ({} when none) and resolves with the value', async () => {
    electron.invoke.mockResolvedValue({ ok: true, value: { serving: true } });
    await expect(api.getStatus?.()).resolves.toEqual({ serving: true });
    expect(electron.invoke).toHaveBeenCalledWith('skyport:getStatus', {});
    electron.invoke.mockResolvedValue({ ok: true, value: { model: 'gemini-3-flash' } });
    await api.previewMapping?.({ model: 'gpt-4o' });
    expect(electron.invoke).toHaveBeenLastCalledWith('skyport:previewMapping', { model: 'gpt-4o' });
    await api.setLaunchAtLogin?.({ enabled: true });
    expect(electron.invoke).toHaveBeenLastCalledWith('skyport:setLaunchAtLogin', { enabled: true });
    await api.setUpdatePreferences?.({ channel: 'beta' });
    expect(electron.invoke).toHaveBeenLastCalledWith('skyport:setUpdatePreferences', { channel: 'beta' });
    await api.showLogs?.();
    expect(electron.invoke).toHaveBeenLastCalledWith('skyport:showLogs', {});
  });

  it("rejects with the main process's own message", async () => {
    electron.invoke.mockResolvedValue({ ok: false, error: { message: 'Port 80 is already in use by another program.', kind: 'invalid_request' } });
    await expect(api.updateSettings?.({ proxy: { port: 80 } })).rejects.toThrow(/^Port 80 is already in use by another program\.$/);
  });

  it('forwards events from skyport:event and stops when asked', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvent?.(listener) as () => void;
    const [channel, forward] = electron.on.mock.calls.at(-1) as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('skyport:event');
    forward({ sender: 'ipc internals' }, { type: 'status', data: { serving: false } });
    expect(listener).toHaveBeenCalledWith({ type: 'status', data: { serving: false } });
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('skyport:event', forward);
  });
});
