/**
 * Several refresh tokens at once, as users have them: one per line (blank lines and `#` comments
 * skipped), or a JSON array of tokens or of `{refresh_token}` / `{refreshToken}` objects (the
 * reference app's account export, ANCHOR-ANTIGRAVITY-MANAGER.md §12.2). Each entry says where it
 * came from, so a failure can be reported without repeating the token.
 */
import { GatewayError } from '../errors/gateway-error.js';

export type RefreshTokenListEntry = { where: string; token: string } | { where: string; problem: string };

export function parseRefreshTokenList(text: string): RefreshTokenListEntry[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const entries = trimmed.startsWith('[') ? parseJsonList(trimmed) : parseLines(text);
  if (entries.length === 0) throw new GatewayError('invalid_request', 'No refresh tokens found: put one per line, or a JSON array');
  return entries;
}

function parseLines(text: string): RefreshTokenListEntry[] {
  const entries: RefreshTokenListEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const token = line.trim();
    if (token === '' || token.startsWith('#')) return;
    entries.push({ where: `line ${index + 1}`, token });
  });
  return entries;
}

function parseJsonList(text: string): RefreshTokenListEntry[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the input, which holds tokens: say only what is wrong.
    throw new GatewayError('invalid_request', 'The file starts with "[" but is not valid JSON');
  }
  if (!Array.isArray(items)) throw new GatewayError('invalid_request', 'The file starts with "[" but is not a JSON array');
  return items.map((item: unknown, index): RefreshTokenListEntry => {
    const where = `entry ${index + 1}`;
    const token = readToken(item);
    return token === undefined ? { where, problem: 'neither a token nor an object with "refresh_token"' } : { where, token };
  });
}

function readToken(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim() === '' ? undefined : item.trim();
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const value = record.refresh_token ?? record.refreshToken;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
