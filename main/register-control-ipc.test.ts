import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { controlOperationNames, GatewayError, type ControlApi } from '../proxy-core/index.js';
import { desktopChannels } from './desktop-channels.js';
import { registerControlIpc, type IpcResult } from './register-control-ipc.js';

type Handler = (event: IpcMainInvokeEvent, input?: unknown) => Promise<IpcResult>;

function setUp(options: { trusted?: boolean; control?: Partial<ControlApi> } = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)), removeHandler: vi.fn((channel: string) => handlers.delete(channel)) };
  const control = {
    getStatus: vi.fn(async () => ({ serving: true })),
    previewMapping: vi.fn(async (input: { model: string }) => ({ requested: input.model })),
    updateSettings: vi.fn(async () => ({ restarted: false })),
    stopGateway: vi.fn(async () => {
      throw new Error('disk on fire at /home/someone/.secret');
    }),
    ...options.control,
  } as unknown as ControlApi;
  const launchAtLogin = { get: vi.fn(() => ({ enabled: false })), set: vi.fn(async (enabled: boolean) => ({ enabled })) };
  const logger = { warn: vi.fn(), error: vi.fn() };
  const unregister = registerControlIpc({ ipcMain, control, launchAtLogin, isTrustedSender: () => options.trusted ?? true, logger });
  const event = { senderFrame: { url: 'https://evil.example/page' } } as unknown as IpcMainInvokeEvent;
  const invoke = (channel: string, input?: unknown) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(event, input);
  };
  return { handlers, ipcMain, control, launchAtLogin, logger, invoke, unregister };
}

describe('registerControlIpc', () => {
  it('registers one handler per ControlApi operation (skyport:<name>) plus the launch-at-login pair, and removes them all', () => {
    const { handlers, unregister } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...controlOperationNames.map((name) => `skyport:${name}`), desktopChannels.getLaunchAtLogin, desktopChannels.setLaunchAtLogin].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('rejects a sender that is not the app window, without calling the operation', async () => {
    const { invoke, control, logger } = setUp({ trusted: false });
    const result = await invoke('skyport:getStatus', {});
    expect(result).toEqual({ ok: false, error: { message: 'This page is not allowed to control Skyport.', kind: 'permission', code: 'untrusted_sender', param: null } });
    expect(control.getStatus).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/Refused skyport:getStatus from https:\/\/evil\.example/));
    expect(await invoke(desktopChannels.setLaunchAtLogin, { enabled: true })).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('validates arguments with the operation schema before calling, naming the field', async () => {
    const { invoke, control } = setUp();
    expect(await invoke('skyport:previewMapping', { model: 42 })).toMatchObject({ ok: false, error: { kind: 'invalid_request', code: 'invalid_input', param: 'model' } });
    expect(await invoke('skyport:updateSettings', { proxy: { port: 8046, api_key: 'sk-sneaky-sneaky' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/updateSettings: .*api_key/) },
    });
    expect(await invoke('skyport:getStatus', { extra: true })).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(control.previewMapping).not.toHaveBeenCalled();
    expect(control.updateSettings).not.toHaveBeenCalled();
    expect(control.getStatus).not.toHaveBeenCalled();
  });

  it('calls the operation with the parsed input and answers its output; no input means {}', async () => {
    const { invoke, control } = setUp();
    expect(await invoke('skyport:previewMapping', { model: 'gpt-4o' })).toEqual({ ok: true, value: { requested: 'gpt-4o' } });
    expect(control.previewMapping).toHaveBeenCalledWith({ model: 'gpt-4o' });
    expect(await invoke('skyport:getStatus')).toEqual({ ok: true, value: { serving: true } });
  });

  it("passes a GatewayError's message on, but never an unexpected error's details", async () => {
    const refused = new GatewayError('invalid_request', 'Port 80 is already in use by another program.', { code: 'port_in_use', param: 'proxy.port' });
    const { invoke, logger } = setUp({ control: { updateSettings: vi.fn(async () => Promise.reject(refused)) } as Partial<ControlApi> });
    expect(await invoke('skyport:updateSettings', { proxy: { port: 80 } })).toEqual({
      ok: false,
      error: { message: 'Port 80 is already in use by another program.', kind: 'invalid_request', code: 'port_in_use', param: 'proxy.port' },
    });
    const internal = await invoke('skyport:stopGateway', {});
    expect(internal).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('.secret');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('disk on fire'));
  });

  it('validates the launch-at-login argument too', async () => {
    const { invoke, launchAtLogin } = setUp();
    expect(await invoke(desktopChannels.setLaunchAtLogin, { enabled: 'yes' })).toMatchObject({ ok: false, error: { param: 'enabled' } });
    expect(launchAtLogin.set).not.toHaveBeenCalled();
    expect(await invoke(desktopChannels.setLaunchAtLogin, { enabled: true })).toEqual({ ok: true, value: { enabled: true } });
    expect(await invoke(desktopChannels.getLaunchAtLogin)).toEqual({ ok: true, value: { enabled: false } });
  });
});
