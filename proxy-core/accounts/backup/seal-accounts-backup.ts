/**
 * Writes an accounts backup: scrypt (random 16-byte salt) turns the passphrase into a 256-bit key,
 * AES-256-GCM (random 12-byte IV) encrypts the accounts, and the envelope's header (format,
 * version, kdf parameters) is bound to the ciphertext as associated data, so changing any of it
 * fails the authentication check like a changed byte of ciphertext does. `plain` writes the
 * accounts unencrypted, for the user who asked for it explicitly.
 */
import { createCipheriv, randomBytes as nodeRandomBytes, scrypt } from 'node:crypto';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Account } from '../account-schema.js';
import { backupAccountSchema, backupFormatName, backupFormatVersion, type BackupAccount, type EncryptedBackup, type ScryptParams } from './accounts-backup-schema.js';

/** About 0.3 s and 128 MiB on a laptop: slow enough to make guessing a passphrase expensive. */
export const defaultScryptParams: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, key_length: 32 };

export const minPassphraseLength = 8;

export type SealOptions =
  | { passphrase: string; plain?: false; now: () => Date; scryptParams?: ScryptParams; randomBytes?: (size: number) => Buffer }
  | { plain: true; now: () => Date };

export function toBackupAccount(account: Account): BackupAccount {
  return backupAccountSchema.parse(account);
}

export async function sealAccountsBackup(accounts: readonly Account[], options: SealOptions): Promise<string> {
  const payload = { accounts: accounts.map(toBackupAccount) };
  const createdAt = options.now().toISOString();
  if (options.plain === true) {
    return `${JSON.stringify({ format: backupFormatName, version: backupFormatVersion, created_at: createdAt, encryption: 'none', ...payload }, null, 2)}\n`;
  }
  checkPassphrase(options.passphrase);
  const random = options.randomBytes ?? nodeRandomBytes;
  const kdf = options.scryptParams ?? defaultScryptParams;
  const salt = random(16);
  const iv = random(12);
  const key = await deriveBackupKey(options.passphrase, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(backupHeaderBytes(kdf));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const envelope: EncryptedBackup = {
    format: backupFormatName,
    version: backupFormatVersion,
    created_at: createdAt,
    encryption: 'aes-256-gcm',
    kdf,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < minPassphraseLength) {
    throw new GatewayError('invalid_request', `The passphrase must be at least ${minPassphraseLength} characters long.`, { code: 'weak_passphrase', param: 'passphrase' });
  }
}

/** The authenticated header: what decides how the file is read, so it cannot be swapped. */
export function backupHeaderBytes(kdf: ScryptParams): Buffer {
  return Buffer.from(JSON.stringify({ format: backupFormatName, version: backupFormatVersion, kdf: { N: kdf.N, r: kdf.r, p: kdf.p, key_length: kdf.key_length } }), 'utf8');
}

export function deriveBackupKey(passphrase: string, salt: Buffer, kdf: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; the default cap (32 MiB) is below the default parameters.
    scrypt(passphrase.normalize('NFC'), salt, kdf.key_length, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}
