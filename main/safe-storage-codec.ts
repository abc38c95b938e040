/**
 * Refresh tokens at rest on the desktop: encrypted with Electron's safeStorage (Keychain, DPAPI,
 * libsecret/KWallet). Where that is not really available (no keyring on Linux means a fixed,
 * public key: clear text in all but name), Skyport refuses to store tokens and says why, rather
 * than write them in clear.
 */
import type { SafeStorage } from 'electron';
import { GatewayError, type SecretCodec } from '../proxy-core/index.js';

const prefix = 'safeStorage:v1:';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Why tokens cannot be stored safely here, or undefined when they can. */
export function describeSecretStorageProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'this system offers no encrypted storage to Skyport (the keychain or keyring is not available)';
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'no keyring was found (GNOME Keyring, KWallet or another Secret Service), so encryption would use a fixed, public key';
  }
  return undefined;
}

export interface SafeStorageCodec extends SecretCodec {
  /** Some token was read in clear (written by an earlier build): write the accounts again to encrypt it. */
  readonly readClearText: boolean;
}

export function createSafeStorageCodec(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SafeStorageCodec {
  let readClearText = false;
  return {
    get readClearText() {
      return readClearText;
    },
    encode(plain) {
      const problem = describeSecretStorageProblem(safeStorage, platform);
      if (problem !== undefined) {
        throw new GatewayError(
          'permission',
          `Skyport will not store a refresh token in clear text: ${problem}. Unlock or install a keyring and restart Skyport, or run it headless (npm run serve), which keeps tokens in a file only you can read.`,
          { code: 'secret_storage_unavailable' },
        );
      }
      return `${prefix}${safeStorage.encryptString(plain).toString('base64')}`;
    },
    decode(stored) {
      if (!stored.startsWith(prefix)) {
        readClearText = true;
        return stored;
      }
      return safeStorage.decryptString(Buffer.from(stored.slice(prefix.length), 'base64'));
    },
  };
}
