import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from './auto-updater.js';
import { registerUpdateIpc } from './register-update-ipc.js';

const status: UpdateStatus = { phase: 'downloaded', enabled: true, channel: 'latest', version: '2.0.0', percent: 100, message: null, checked_at: null };

function setup(trusted = true) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>();
  const updater = {
    status: vi.fn(() => status),
    setPreferences: vi.fn(async () => ({ ...status, channel: 'beta' as const })),
    checkNow: vi.fn(async () => status),
    restartToUpdate: vi.fn(() => true),
  };
  const showLogs = vi.fn(async () => '/home/me/.config/Skyport/logs');
  const logger = { warn: vi.fn(), error: vi.fn() };
  const remove = registerUpdateIpc({
    ipcMain: { handle: (channel: string, handler: never) => handlers.set(channel, handler), removeHandler: (channel: string) => handlers.delete(channel) } as never,
    updater,
    showLogs,
    isTrustedSender: () => trusted,
    logger,
  });
  const call = (channel: string, input: unknown = {}) => handlers.get(channel)?.({} as IpcMainInvokeEvent, input);
  return { handlers, updater, showLogs, logger, remove, call };
}

describe('registerUpdateIpc', () => {
  it('answers the status, checks, restarts to update and opens the log folder', async () => {
    const { call, updater, showLogs } = setup();
    await expect(call('skyport:getUpdateStatus')).resolves.toEqual({ ok: true, value: status });
    await expect(call('skyport:checkForUpdates')).resolves.toEqual({ ok: true, value: status });
    await expect(call('skyport:restartToUpdate')).resolves.toEqual({ ok: true, value: { restarting: true } });
    await expect(call('skyport:showLogs')).resolves.toEqual({ ok: true, value: { directory: '/home/me/.config/Skyport/logs' } });
    expect(updater.restartToUpdate).toHaveBeenCalledTimes(1);
    expect(showLogs).toHaveBeenCalledTimes(1);
  });

  it('validates update preferences before storing them', async () => {
    const { call, updater } = setup();
    await expect(call('skyport:setUpdatePreferences', { channel: 'beta' })).resolves.toMatchObject({ ok: true, value: { channel: 'beta' } });
    expect(updater.setPreferences).toHaveBeenCalledWith({ channel: 'beta' });
    for (const bad of [{ channel: 'nightly' }, { enabled: 'yes' }, {}, { enabled: true, extra: 1 }]) {
      await expect(call('skyport:setUpdatePreferences', bad)).resolves.toMatchObject({ ok: false, error: { kind: 'invalid_request', code: 'invalid_input' } });
    }
    expect(updater.setPreferences).toHaveBeenCalledTimes(1);
  });

  it('refuses another page and hides internal errors', async () => {
    const refused = setup(false);
    await expect(refused.call('skyport:restartToUpdate')).resolves.toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(refused.updater.restartToUpdate).not.toHaveBeenCalled();
    const failing = setup();
    failing.showLogs.mockRejectedValueOnce(new Error('xdg-open: /secret/path not found'));
    await expect(failing.call('skyport:showLogs')).resolves.toEqual({
      ok: false,
      error: { message: 'Something went wrong inside Skyport; the log has the details.', kind: 'internal', code: null, param: null },
    });
    expect(failing.logger.error).toHaveBeenCalledTimes(1);
  });

  it('removes every handler it added', () => {
    const { handlers, remove } = setup();
    expect(handlers.size).toBe(5);
    remove();
    expect(handlers.size).toBe(0);
  });
});
