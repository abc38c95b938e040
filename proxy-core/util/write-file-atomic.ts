/**
 * Write a file so that a reader (or a crash, or a SIGKILL) sees either the old content or the new
 * one, never half of each: write a sibling temp file, fsync it, rename it over the target, then
 * fsync the directory so the rename itself survives a power cut. The data dir is made 0700: it
 * holds refresh tokens and the admin token.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, content: string, options: { mode?: number } = {}): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporaryPath, 'w', options.mode ?? 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporaryPath, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Makes a rename in `directory` durable. Windows cannot open a directory for fsync; NTFS journals renames itself. */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
