/**
 * Creates a file only if no other process did first, never half-written: the content goes
 * completely to a temp file (written atomically, 0600), which is then hard-linked into place.
 * The link fails with EEXIST instead of replacing a file a concurrently starting process already
 * made, which a rename would silently do.
 */
import { randomBytes } from 'node:crypto';
import { link, rm } from 'node:fs/promises';
import { writeFileAtomic } from './write-file-atomic.js';

/** True when this call created the file, false when it already existed (left untouched). */
export async function createFileExclusively(path: string, content: string): Promise<boolean> {
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.new`;
  await writeFileAtomic(temporaryPath, content, { mode: 0o600 });
  try {
    await link(temporaryPath, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporaryPath, { force: true });
  }
}
