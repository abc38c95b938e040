/**
 * A process killed in the middle of an atomic write (write-file-atomic.ts) leaves its temp file
 * beside the target: harmless (the target is whole) but clutter holding a copy of the accounts.
 * Only the data dir's lock holder calls this, when nobody else can be writing.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const leftoverPattern = /^(config|accounts|api-keys)\.json\.[0-9a-f]{12}\.tmp$/;

export async function removeLeftoverTempFiles(dataDir: string): Promise<string[]> {
  const names = (await readdir(dataDir)).filter((name) => leftoverPattern.test(name));
  await Promise.all(names.map((name) => rm(join(dataDir, name), { force: true })));
  return names;
}
