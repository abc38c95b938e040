/**
 * The accounts backup file (`skyport-accounts-backup`, version 1): a small JSON envelope. An
 * encrypted one holds the accounts as AES-256-GCM ciphertext under a key derived from the user's
 * passphrase with scrypt; a plain one (`--plain`, only on request) holds them as they are.
 */
import { z } from 'zod';
import { accountSchema } from '../account-schema.js';

export const backupFormatName = 'skyport-accounts-backup';
export const backupFormatVersion = 1;

/**
 * What a restore needs of an account: the record without what belongs to one machine's recent
 * past (quota figures, cooldowns, the last error), which the new machine reads again. Access
 * tokens are never stored anywhere, so never in a backup. Fields added to the account record
 * later (labels) come along by themselves; unknown fields from a newer Skyport are dropped.
 */
export const backupAccountSchema = accountSchema.omit({ quotas: true, cooldowns: true, quotasUpdatedAt: true, lastError: true });
export type BackupAccount = z.infer<typeof backupAccountSchema>;

export const backupPayloadSchema = z.object({ accounts: z.array(backupAccountSchema) });

/** scrypt cost as written in the file; bounded on read so a crafted file cannot ask for gigabytes of memory. */
export const scryptParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((value) => (value & (value - 1)) === 0, 'must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  key_length: z.literal(32),
});
export type ScryptParams = z.infer<typeof scryptParamsSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const encryptedBackupSchema = z.object({
  format: z.literal(backupFormatName),
  version: z.literal(backupFormatVersion),
  created_at: z.string(),
  encryption: z.literal('aes-256-gcm'),
  kdf: scryptParamsSchema,
  salt: base64,
  iv: base64,
  tag: base64,
  ciphertext: base64,
});
export type EncryptedBackup = z.infer<typeof encryptedBackupSchema>;

export const plainBackupSchema = z.object({
  format: z.literal(backupFormatName),
  version: z.literal(backupFormatVersion),
  created_at: z.string(),
  encryption: z.literal('none'),
  accounts: z.array(z.unknown()),
});
