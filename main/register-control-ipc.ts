/**
 * Every ControlApi operation as one `ipcMain.handle` on `skyport:<name>`, plus the desktop's own
 * two (launch at login). Each handler first checks that the sender is the app's own window
 * showing the app's own page, then validates the arguments with the operation's zod schema, and
 * only then calls. Answers are `{ok, value}` or `{ok: false, error}`: a thrown error would reach
 * the page as "Error invoking remote method …", and internal details never should.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  controlChannel,
  controlOperationNames,
  GatewayError,
  parseControlInput,
  type ControlApi,
  type ControlOperationName,
} from '../proxy-core/index.js';
import { desktopChannels } from './desktop-channels.js';

export type IpcResult = { ok: true; value: unknown } | { ok: false; error: { message: string; kind: string; code: string | null; param: string | null } };

/** What main keeps itself: launch at login (not a gateway setting, not in the web console). */
export interface LaunchAtLoginControl {
  get(): { enabled: boolean };
  set(enabled: boolean): Promise<{ enabled: boolean }>;
}

const launchAtLoginInputSchema = z.object({ enabled: z.boolean() }).strict();

export interface RegisterControlIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  control: ControlApi;
  launchAtLogin: LaunchAtLoginControl;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  logger: { warn(message: string): void; error(message: string): void };
}

/** Registers every handler; returns the function that removes them. */
export function registerControlIpc(options: RegisterControlIpcOptions): () => void {
  const { ipcMain, logger } = options;
  const channels: string[] = [];

  const handle = (channel: string, run: (input: unknown) => Promise<unknown>) => {
    channels.push(channel);
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult> => {
      if (!options.isTrustedSender(event)) {
        logger.warn(`Refused ${channel} from ${describeSender(event)}: not the Skyport window.`);
        return failure(new GatewayError('permission', 'This page is not allowed to control Skyport.', { code: 'untrusted_sender' }));
      }
      try {
        return { ok: true, value: await run(input) };
      } catch (error) {
        if (!(error instanceof GatewayError)) logger.error(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return failure(error);
      }
    });
  };

  for (const name of controlOperationNames) {
    handle(controlChannel(name), (input) => call(options.control, name, parseControlInput(name, input)));
  }
  handle(desktopChannels.getLaunchAtLogin, async () => options.launchAtLogin.get());
  handle(desktopChannels.setLaunchAtLogin, async (input) => {
    const parsed = launchAtLoginInputSchema.safeParse(input ?? {});
    if (!parsed.success) {
      throw new GatewayError('invalid_request', 'Invalid input for setLaunchAtLogin: enabled must be true or false.', { code: 'invalid_input', param: 'enabled' });
    }
    return options.launchAtLogin.set(parsed.data.enabled);
  });

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

function call(control: ControlApi, name: ControlOperationName, input: unknown): Promise<unknown> {
  const operation = control[name] as (input: unknown) => Promise<unknown>;
  return operation(input);
}

function failure(error: unknown): IpcResult {
  const gatewayError = error instanceof GatewayError ? error : new GatewayError('internal', 'Internal error');
  // An internal error's message may hold anything it caught; the page gets a fixed sentence (the log has the rest).
  const message = gatewayError.kind === 'internal' ? 'Something went wrong inside Skyport; the log has the details.' : gatewayError.message;
  return { ok: false, error: { message, kind: gatewayError.kind, code: gatewayError.code ?? null, param: gatewayError.param ?? null } };
}

function describeSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string {
  const url = event.senderFrame?.url;
  if (url === undefined) return 'a closed frame';
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unknown page';
  }
}
