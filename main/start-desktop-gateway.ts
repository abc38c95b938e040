/**
 * The gateway inside the desktop app: one instance per user, settings in electron-store, refresh
 * tokens encrypted with safeStorage, data in Electron's `userData`, started at launch when
 * `proxy.auto_start` is on, drained on quit. Stop closes the listener here (nothing needs it
 * while stopped: the window talks over IPC).
 */
import type { App } from 'electron';
import { createGateway, createLogger, type Gateway, type Logger } from '../proxy-core/index.js';
import { openDesktopStore, type DesktopStore } from './desktop-store.js';
import { createSafeStorageCodec, describeSecretStorageProblem, type SafeStorageLike } from './safe-storage-codec.js';

export interface DesktopGatewayOptions {
  app: Pick<App, 'requestSingleInstanceLock' | 'getPath' | 'on' | 'quit' | 'whenReady'>;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  logger?: Logger;
  /** A second launch: show the window of this one. */
  onSecondInstance?: () => void;
  /** better-sqlite3 built for Electron, in development (see desktop-paths.ts). */
  sqliteNativeBinding?: string;
  /** Injected by tests; electron-store in `userData` by default. */
  openStore?: (directory: string, logger: Logger) => DesktopStore;
}

export interface DesktopGateway {
  gateway: Gateway;
  store: DesktopStore;
  /** Why refresh tokens cannot be stored here (then adding accounts is refused), or undefined. */
  secretStorageProblem: string | undefined;
}

export async function startDesktopGateway(options: DesktopGatewayOptions): Promise<DesktopGateway | undefined> {
  const { app } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  app.on('second-instance', () => options.onSecondInstance?.());
  await app.whenReady();

  const logger = options.logger ?? createLogger();
  const dataDir = app.getPath('userData');
  const store = (options.openStore ?? ((directory, storeLogger) => openDesktopStore({ directory, logger: storeLogger })))(dataDir, logger);
  // safeStorage answers only once the app is ready (Linux needs the keyring connection).
  const secretStorageProblem = describeSecretStorageProblem(options.safeStorage, options.platform);
  const codec = createSafeStorageCodec(options.safeStorage, options.platform);
  const gateway = await createGateway({
    dataDir,
    logger,
    settingsDocument: store.settingsDocument,
    secretCodec: codec,
    control: { closeListenerOnStop: true },
    ...(options.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.sqliteNativeBinding }),
  });
  if (secretStorageProblem !== undefined) {
    logger.warn(`Refresh tokens cannot be stored safely: ${secretStorageProblem}. Adding accounts is refused until that is fixed.`);
  } else if (codec.readClearText) {
    // Tokens written in clear by an earlier build: one write encrypts them all.
    const [first] = gateway.accountStore.list();
    if (first !== undefined) await gateway.accountStore.update(first.email, {});
    logger.info('Refresh tokens are now stored encrypted.');
  }

  if (gateway.settings().proxy.auto_start) {
    // A port in use is not fatal: the tray shows the error and the user picks another port.
    await gateway.start().catch((error: unknown) => logger.warn(`Auto-start failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void gateway.close().finally(() => app.quit());
  });
  return { gateway, store, secretStorageProblem };
}
