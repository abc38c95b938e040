/**
 * IPC of the desktop's updates and logs, beside the ControlApi's (register-control-ipc.ts), with
 * the same rules: only the app's own window may call, input is validated, answers are
 * `{ok, value}` or `{ok: false, error}` with a message fit for the page.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { updatePreferencesInputSchema, type AutoUpdater } from './auto-updater.js';
import { desktopChannels } from './desktop-channels.js';
import type { IpcResult } from './register-control-ipc.js';

export interface RegisterUpdateIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  updater: Pick<AutoUpdater, 'status' | 'setPreferences' | 'checkNow' | 'restartToUpdate'>;
  /** Opens the log folder in the file manager; resolves with the folder. */
  showLogs(): Promise<string>;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  logger: { warn(message: string): void; error(message: string): void };
}

class RefusedInput extends Error {}

export function registerUpdateIpc(options: RegisterUpdateIpcOptions): () => void {
  const channels: string[] = [];
  const handle = (channel: string, run: (input: unknown) => Promise<unknown>) => {
    channels.push(channel);
    options.ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult> => {
      if (!options.isTrustedSender(event)) {
        options.logger.warn(`Refused ${channel}: not the Skyport window.`);
        return { ok: false, error: { message: 'This page is not allowed to control Skyport.', kind: 'permission', code: 'untrusted_sender', param: null } };
      }
      try {
        return { ok: true, value: await run(input) };
      } catch (error) {
        if (error instanceof RefusedInput) return { ok: false, error: { message: error.message, kind: 'invalid_request', code: 'invalid_input', param: null } };
        options.logger.error(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return { ok: false, error: { message: 'Something went wrong inside Skyport; the log has the details.', kind: 'internal', code: null, param: null } };
      }
    });
  };

  handle(desktopChannels.getUpdateStatus, async () => options.updater.status());
  handle(desktopChannels.setUpdatePreferences, async (input) => {
    const parsed = updatePreferencesInputSchema.safeParse(input ?? {});
    if (!parsed.success) throw new RefusedInput('Invalid input for setUpdatePreferences: give enabled (true or false) and/or channel (latest or beta).');
    return options.updater.setPreferences(parsed.data);
  });
  handle(desktopChannels.checkForUpdates, async () => options.updater.checkNow());
  handle(desktopChannels.restartToUpdate, async () => ({ restarting: options.updater.restartToUpdate() }));
  handle(desktopChannels.showLogs, async () => ({ directory: await options.showLogs() }));

  return () => {
    for (const channel of channels) options.ipcMain.removeHandler(channel);
  };
}
