/**
 * The admin token: the owner's local credential for the admin API (ARCHITECTURE.md "Admin API").
 * It lives in `<dataDir>/admin-token`, mode 0600 in a 0700 directory, so whoever can read the
 * data dir (the owner, and the CLI acting for them) can sign in, and nobody who only holds the
 * API key can. It is made once at first start and kept, so a console tab and the CLI keep
 * working across restarts.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileExclusively } from '../util/create-file-exclusively.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';

export const ADMIN_TOKEN_FILE_NAME = 'admin-token';

/** Fewer characters than this is not a token this code made (an emptied or hand-edited file). */
const MINIMUM_TOKEN_LENGTH = 32;

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, ADMIN_TOKEN_FILE_NAME);
}

function createAdminToken(): string {
  // 32 bytes from the CSPRNG: far beyond guessing, and base64url needs no quoting in a URL fragment.
  return `skyport-admin-${randomBytes(32).toString('base64url')}`;
}

async function readExistingToken(path: string): Promise<string | undefined> {
  const content = await readFileIfExists(path);
  if (content === undefined) return undefined;
  const token = content.trim();
  if (token.length < MINIMUM_TOKEN_LENGTH || /\s/.test(token)) return undefined;
  // A copy restored from a backup can arrive group- or world-readable; the token is only as
  // private as the file.
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
  return token;
}

/** The data dir's admin token, made (with the data dir, 0700) if there is none yet. */
export async function readOrCreateAdminToken(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = adminTokenPath(dataDir);
  const existing = await readExistingToken(path);
  if (existing !== undefined) return existing;
  const token = createAdminToken();
  if (await createFileExclusively(path, `${token}\n`)) return token;
  // Another process won the race, or the file holds something unusable: reread, and replace
  // only an unusable file (atomically, so a reader sees the old or the new content).
  const winner = await readExistingToken(path);
  if (winner !== undefined) return winner;
  await writeFileAtomic(path, `${token}\n`, { mode: 0o600 });
  return token;
}
