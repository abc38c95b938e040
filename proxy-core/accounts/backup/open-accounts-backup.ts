/**
 * Reads an accounts backup back: checks the envelope, derives the key, decrypts and
 * authenticates (AES-256-GCM), then validates every account. Any failure throws one clear
 * GatewayError and returns nothing, so a caller never holds half a backup. Messages never quote
 * the file (it holds refresh tokens) or the passphrase.
 */
import { createDecipheriv } from 'node:crypto';
import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { backupFormatName, backupFormatVersion, backupPayloadSchema, encryptedBackupSchema, plainBackupSchema, type BackupAccount } from './accounts-backup-schema.js';
import { backupHeaderBytes, deriveBackupKey } from './seal-accounts-backup.js';

export interface OpenedBackup {
  encrypted: boolean;
  createdAt: string;
  accounts: BackupAccount[];
}

const fail = (message: string, code: string) => new GatewayError('invalid_request', message, { code });

/**
 * Whether `text` is (or was: a truncated one no longer parses) a Skyport accounts backup, as
 * opposed to another app's export, so a damaged backup is reported as a damaged backup.
 */
export function isAccountsBackup(text: string): boolean {
  const json = parseJson(text);
  if (json === undefined) return text.includes(`"${backupFormatName}"`);
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === backupFormatName;
}

/** Whether the backup needs a passphrase (false for a plain one); throws for anything that is not a backup. */
export function backupNeedsPassphrase(text: string): boolean {
  const envelope = readEnvelope(text);
  return envelope.encryption !== 'none';
}

export async function openAccountsBackup(text: string, passphrase: string | undefined): Promise<OpenedBackup> {
  const envelope = readEnvelope(text);
  if (envelope.encryption === 'none') {
    const plain = plainBackupSchema.safeParse(envelope);
    if (!plain.success) throw fail(`The backup file is damaged: ${describeIssues(plain.error)}. Nothing was imported.`, 'backup_damaged');
    return { encrypted: false, createdAt: plain.data.created_at, accounts: readAccounts({ accounts: plain.data.accounts }) };
  }
  const parsed = encryptedBackupSchema.safeParse(envelope);
  if (!parsed.success) throw fail(`The backup file is damaged or incomplete: ${describeIssues(parsed.error)}. Nothing was imported.`, 'backup_damaged');
  const backup = parsed.data;
  if (passphrase === undefined || passphrase === '') throw fail('This backup is encrypted: enter its passphrase.', 'passphrase_required');
  const salt = Buffer.from(backup.salt, 'base64');
  const iv = Buffer.from(backup.iv, 'base64');
  const tag = Buffer.from(backup.tag, 'base64');
  if (salt.length < 16 || iv.length !== 12 || tag.length !== 16) throw fail('The backup file is damaged (its salt, IV or tag has the wrong length). Nothing was imported.', 'backup_damaged');
  const key = await deriveBackupKey(passphrase, salt, backup.kdf);
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(backupHeaderBytes(backup.kdf));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(Buffer.from(backup.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from changed bytes; both mean "not this file as it was written with this passphrase".
    throw fail('Wrong passphrase, or the backup file was changed or damaged (its authentication check failed). Nothing was imported.', 'backup_auth_failed');
  }
  return { encrypted: true, createdAt: backup.created_at, accounts: readAccounts(parseJson(plaintext)) };
}

function readEnvelope(text: string): { format: unknown; version: unknown; encryption?: unknown } & Record<string, unknown> {
  const json = parseJson(text);
  if (json === undefined) {
    throw fail('The file is not a Skyport accounts backup: it is not valid JSON (a truncated file looks like this too). Nothing was imported.', 'backup_not_json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { format?: unknown }).format !== backupFormatName) {
    throw fail(`The file is not a Skyport accounts backup (no "format": "${backupFormatName}"). Nothing was imported.`, 'backup_unknown_format');
  }
  const envelope = json as { format: unknown; version: unknown; encryption?: unknown } & Record<string, unknown>;
  if (envelope.version !== backupFormatVersion) {
    throw fail(`This backup has format version ${JSON.stringify(envelope.version)}; this Skyport reads version ${backupFormatVersion}. Update Skyport to read it. Nothing was imported.`, 'backup_unknown_version');
  }
  if (envelope.encryption !== 'none' && envelope.encryption !== 'aes-256-gcm') {
    throw fail(`The backup's encryption ${JSON.stringify(envelope.encryption)} is unknown. Nothing was imported.`, 'backup_unknown_format');
  }
  return envelope;
}

function readAccounts(json: unknown): BackupAccount[] {
  const payload = backupPayloadSchema.safeParse(json);
  if (!payload.success) throw fail(`The backup's accounts are not valid: ${describeIssues(payload.error)}. Nothing was imported.`, 'backup_invalid_accounts');
  return payload.data.accounts;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/** Paths and messages only (zod does not echo values, so no token reaches the text). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? 'file' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}
