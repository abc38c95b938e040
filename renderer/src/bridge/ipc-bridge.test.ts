import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, type FakeApi } from '../../test-support/create-fake-bridge.js';
import { BridgeError } from './bridge-error.js';
import type { SkyportEvent } from './bridge-types.js';
import { cleanIpcErrorMessage, createIpcBridge, type SkyportPreload } from './ipc-bridge.js';
import { pickBridge } from './pick-bridge.js';

function fakePreload(): SkyportPreload & FakeApi & { listeners: ((event: SkyportEvent) => void)[] } {
  const listeners: ((event: SkyportEvent) => void)[] = [];
  const api = createFakeBridge().api;
  return Object.assign({}, api, {
    listeners,
    onEvent: (listener: (event: SkyportEvent) => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  });
}

describe('createIpcBridge', () => {
  it('calls the preload’s functions and strips Electron’s wrapper from error messages', async () => {
    const preload = fakePreload();
    preload.removeAccount.mockRejectedValue(new Error("Error invoking remote method 'skyport:removeAccount': GatewayError: No account x@example.com."));
    const bridge = createIpcBridge(preload);
    expect(bridge.kind).toBe('ipc');
    await expect(bridge.api.getStatus({})).resolves.toMatchObject({ serving: true });
    const error = await bridge.api.removeAccount({ email: 'x@example.com' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).message).toBe('No account x@example.com.');
    expect(cleanIpcErrorMessage('plain')).toBe('plain');
  });

  it('turns the exported CSV text into a file to save', async () => {
    const preload = fakePreload();
    preload.exportLogsCsv.mockResolvedValue({ csv: 'id,time\r\n', file_name: 'skyport-requests-x.csv', truncated: true });
    const file = await createIpcBridge(preload).exportLogsCsv({ status: 'ok' });
    expect(preload.exportLogsCsv).toHaveBeenCalledWith({ status: 'ok' });
    expect(file).toMatchObject({ fileName: 'skyport-requests-x.csv', truncated: true });
    expect(file.blob.size).toBe('id,time\r\n'.length);
    expect(file.blob.type).toBe('text/csv;charset=utf-8');
  });

  it('forwards events and unsubscribes', () => {
    const preload = fakePreload();
    const bridge = createIpcBridge(preload);
    const onEvent = vi.fn();
    const stop = bridge.subscribe({ onEvent });
    preload.listeners[0]?.({ type: 'accounts', data: { items: [] } });
    expect(onEvent).toHaveBeenCalledWith({ type: 'accounts', data: { items: [] } });
    stop();
    expect(preload.listeners).toHaveLength(0);
  });

  it('offers the desktop settings only when the preload has them', () => {
    expect(createIpcBridge(fakePreload()).desktop).toBeNull();
    const withDesktop = Object.assign(fakePreload(), {
      getDesktopSettings: vi.fn(async () => ({ available: true, launch_at_login: true })),
      updateDesktopSettings: vi.fn(async () => ({ available: true, launch_at_login: false })),
    });
    expect(createIpcBridge(withDesktop).desktop).not.toBeNull();
  });

  it('offers updates and Show logs when the preload has them, with Electron’s wrapper stripped from errors', async () => {
    expect(createIpcBridge(fakePreload()).updates).toBeNull();
    const listeners: Array<(status: unknown) => void> = [];
    const withUpdates = Object.assign(fakePreload(), {
      getUpdateStatus: vi.fn(async () => ({ phase: 'idle' })),
      setUpdatePreferences: vi.fn(async () => ({ phase: 'off' })),
      checkForUpdates: vi.fn(async () => ({ phase: 'up_to_date' })),
      restartToUpdate: vi.fn(async () => ({ restarting: false })),
      showLogs: vi.fn(async () => Promise.reject(new Error("Error invoking remote method 'skyport:showLogs': Error: Something went wrong inside Skyport; the log has the details."))),
      onUpdateStatus: vi.fn((listener: (status: unknown) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      }),
    });
    const updates = createIpcBridge(withUpdates as unknown as SkyportPreload).updates;
    await expect(updates?.setUpdatePreferences({ channel: 'beta' })).resolves.toEqual({ phase: 'off' });
    expect(withUpdates.setUpdatePreferences).toHaveBeenCalledWith({ channel: 'beta' });
    await expect(updates?.showLogs()).rejects.toThrow(/^Something went wrong inside Skyport; the log has the details\.$/);
    const seen: unknown[] = [];
    const stop = updates?.onUpdateStatus((status) => seen.push(status));
    listeners[0]?.({ phase: 'checking' });
    stop?.();
    expect(seen).toEqual([{ phase: 'checking' }]);
    expect(listeners).toHaveLength(0);
  });
});

describe('pickBridge', () => {
  it('takes the preload when there is one, the admin HTTP API otherwise', () => {
    expect(pickBridge({ skyport: fakePreload() }, { credential: () => null }).kind).toBe('ipc');
    expect(pickBridge({}, { credential: () => null }).kind).toBe('http');
  });
});
