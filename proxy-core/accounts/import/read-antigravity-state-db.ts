/**
 * The account signed in to Antigravity (Google's VS Code-based IDE), from its state database
 * `<user data>/User/globalStorage/state.vscdb` (SQLite, table ItemTable(key, value)), opened
 * read-only. Antigravity does not document this; the layout below is what the reference app
 * (Antigravity Manager, src-tauri/src/modules/migration.rs) reads, and it changed once already:
 *
 * - `antigravityUnifiedStateSync.oauthToken` (Antigravity ≥ 1.16.5): base64 of a message whose
 *   field 1 holds { 1: "oauthTokenInfoSentinelKey", 2: { 1: base64 of OAuthTokenInfo } }, where
 *   OAuthTokenInfo field 3 is the refresh token.
 * - `jetskiStateSync.agentManagerInitState` (older): base64 of a message whose field 6 is
 *   OAuthTokenInfo (refresh token in field 3) and field 2 the email.
 *
 * Because the keys are not a published format, a value under any other key that mentions auth
 * or tokens is also searched for refresh tokens (`1//…`), nested base64 included; a token found
 * that way is still verified with Google before it is stored.
 */
import Database from 'better-sqlite3';
import { GatewayError } from '../../errors/gateway-error.js';
import { findProtobufField } from './find-protobuf-field.js';
import { refreshTokenPattern, uniqueTokens, type ImportedToken } from './imported-token.js';

export const unifiedOAuthKey = 'antigravityUnifiedStateSync.oauthToken';
export const legacyStateKey = 'jetskiStateSync.agentManagerInitState';

export interface ReadStateDbOptions {
  /** How long to wait for a lock held by Antigravity (ms). */
  busyTimeoutMs?: number;
  /** better-sqlite3's addon built for Electron's Node ABI (the desktop app). */
  nativeBinding?: string;
}

export function readAntigravityStateDb(path: string, options: ReadStateDbOptions = {}): ImportedToken[] {
  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? 2000,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    throw describeDbError(path, error);
  }
  try {
    let rows: Array<{ key: string; value: unknown }>;
    try {
      rows = db.prepare("SELECT key, value FROM ItemTable WHERE key = ? OR key = ? OR key LIKE '%auth%' OR key LIKE '%token%' OR key LIKE '%jetski%'").all(unifiedOAuthKey, legacyStateKey) as Array<{ key: string; value: unknown }>;
    } catch (error) {
      throw describeDbError(path, error);
    }
    const values = new Map(rows.map((row) => [row.key, valueText(row.value)]));
    const found: ImportedToken[] = [];
    const unified = values.get(unifiedOAuthKey);
    if (unified !== undefined) {
      const token = readUnifiedToken(unified);
      if (token !== undefined) found.push({ where: `${path} (${unifiedOAuthKey})`, token });
    }
    const legacy = values.get(legacyStateKey);
    if (legacy !== undefined) {
      const read = readLegacyState(legacy);
      if (read !== undefined) found.push({ where: `${path} (${legacyStateKey})`, ...read });
    }
    if (found.length === 0) {
      for (const [key, value] of values) {
        for (const token of scanForRefreshTokens(value, 3)) found.push({ where: `${path} (${key})`, token });
      }
    }
    if (found.length === 0) {
      throw new GatewayError('not_found', `No signed-in account found in ${path}: sign in to Antigravity first (or this Antigravity version stores it differently).`, {
        code: 'import_nothing_found',
      });
    }
    return uniqueTokens(found);
  } finally {
    db.close();
  }
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

function decodeBase64(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  return Buffer.from(trimmed, 'base64');
}

function asToken(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  return /^1\/\/[0-9A-Za-z_-]+$/.test(text) ? text : undefined;
}

export function readUnifiedToken(value: string): string | undefined {
  const outer = decodeBase64(value);
  if (outer === undefined) return undefined;
  const inner = findProtobufField(outer, 1);
  if (inner === undefined) return undefined;
  const sentinel = findProtobufField(inner, 1)?.toString('utf8');
  if (sentinel !== undefined && sentinel !== 'oauthTokenInfoSentinelKey') return undefined;
  const wrapped = findProtobufField(inner, 2);
  const encodedInfo = wrapped === undefined ? undefined : findProtobufField(wrapped, 1);
  const info = encodedInfo === undefined ? undefined : decodeBase64(encodedInfo.toString('utf8'));
  return info === undefined ? undefined : asToken(findProtobufField(info, 3));
}

export function readLegacyState(value: string): { token: string; email?: string } | undefined {
  const blob = decodeBase64(value);
  if (blob === undefined) return undefined;
  const info = findProtobufField(blob, 6);
  const token = info === undefined ? undefined : asToken(findProtobufField(info, 3));
  if (token === undefined) return undefined;
  const email = findProtobufField(blob, 2)?.toString('utf8');
  return email !== undefined && /^[^\s@]+@[^\s@]+$/.test(email) ? { token, email } : { token };
}

/** Refresh tokens anywhere in `text`, and in base64 runs inside it, `depth` levels down. */
export function scanForRefreshTokens(text: string, depth: number): string[] {
  const tokens = [...text.matchAll(refreshTokenPattern)].map((match) => match[0]);
  if (depth > 0) {
    for (const run of text.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []) {
      tokens.push(...scanForRefreshTokens(Buffer.from(run, 'base64').toString('latin1'), depth - 1));
    }
  }
  return [...new Set(tokens)];
}

function describeDbError(path: string, error: unknown): GatewayError {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT') {
    return new GatewayError('invalid_request', `Antigravity's database ${path} is locked (Antigravity is writing to it): quit Antigravity and try again. Nothing was imported.`, {
      code: 'import_source_locked',
    });
  }
  if (code === 'SQLITE_CANTOPEN' || (error instanceof Error && /does not exist|unable to open/i.test(error.message))) {
    return new GatewayError('not_found', `Antigravity's database was not found at ${path}. Is Antigravity installed and signed in on this computer? Nothing was imported.`, {
      code: 'import_source_missing',
    });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_ERROR') {
    return new GatewayError('invalid_request', `${path} is not an Antigravity state database (${error instanceof Error ? error.message : String(code)}). Nothing was imported.`, {
      code: 'import_unknown_format',
    });
  }
  return new GatewayError('invalid_request', `${path} could not be read: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`, { code: 'import_unreadable' });
}
