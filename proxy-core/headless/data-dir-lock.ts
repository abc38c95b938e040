/**
 * One writer per data dir (ARCHITECTURE.md, data directory): `<dataDir>/skyport.lock` names the
 * process that owns the dir (`serve`, or a one-shot CLI command while no gateway runs) and, once
 * it listens, the gateway's address, which the CLI uses to send its changes through it.
 *
 * The file is made complete beside the target and hard-linked into place, which fails (EEXIST)
 * when another process holds the lock: a reader never sees a half-written lock, and a process
 * killed at any moment leaves either no lock or a complete one. A lock whose process is gone
 * (SIGKILL, power cut) is stale and taken over; no lease timer is needed, because a pid either
 * lives or it does not. A pid equal to this process's own, not taken by this process, is a
 * leftover from a container that restarted with the same pid.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';
import { createFileExclusively } from '../util/create-file-exclusively.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';

export const dataDirLockFileName = 'skyport.lock';

const lockInfoSchema = z.object({
  id: z.string(),
  pid: z.number().int(),
  command: z.string(),
  url: z.string().nullable(),
  started_at: z.string(),
});
export type DataDirLockInfo = z.infer<typeof lockInfoSchema>;

export interface DataDirLock {
  readonly info: DataDirLockInfo;
  /** Records where the gateway listens (null when it does not), for the CLI. */
  setUrl(url: string | null): Promise<void>;
  /** Removes the lock if it is still this one. */
  release(): Promise<void>;
}

export interface DataDirLockOptions {
  /** What holds the lock, for the message another process shows (`serve`, `accounts add`). */
  command: string;
  pid?: number;
  now?: () => Date;
  isProcessAlive?: (pid: number) => boolean;
}

/** Locks taken by this process (by id): the only ones with this pid that are not stale. */
const heldByThisProcess = new Set<string>();

export function dataDirLockPath(dataDir: string): string {
  return join(dataDir, dataDirLockFileName);
}

/** `kill(pid, 0)` checks existence without signalling; EPERM means it exists but is someone else's. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLockFile(path: string): Promise<DataDirLockInfo | 'unreadable' | undefined> {
  const text = await readFileIfExists(path);
  if (text === undefined) return undefined;
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function isLive(info: DataDirLockInfo, alive: (pid: number) => boolean): boolean {
  if (info.pid === process.pid) return heldByThisProcess.has(info.id);
  return alive(info.pid);
}

/** The process holding the data dir now, or undefined when none does (no lock, or a stale one). */
export async function readDataDirLock(dataDir: string, options: Pick<DataDirLockOptions, 'isProcessAlive'> = {}): Promise<DataDirLockInfo | undefined> {
  const info = await readLockFile(dataDirLockPath(dataDir));
  if (info === undefined || info === 'unreadable') return undefined;
  return isLive(info, options.isProcessAlive ?? isProcessAlive) ? info : undefined;
}

export function describeLockHolder(info: DataDirLockInfo): string {
  const where = info.url === null ? '' : ` at ${info.url}`;
  return `skyport ${info.command} (pid ${info.pid}${where}, since ${info.started_at})`;
}

/** Takes the lock, or throws GatewayError naming the live holder. */
export async function acquireDataDirLock(dataDir: string, options: DataDirLockOptions): Promise<DataDirLock> {
  const path = dataDirLockPath(dataDir);
  const alive = options.isProcessAlive ?? isProcessAlive;
  const info: DataDirLockInfo = {
    id: randomBytes(8).toString('hex'),
    pid: options.pid ?? process.pid,
    command: options.command,
    url: null,
    started_at: (options.now?.() ?? new Date()).toISOString(),
  };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // A few rounds: each lost race against another starting process means re-reading who won.
  for (let round = 0; round < 5; round += 1) {
    if (await createFileExclusively(path, `${JSON.stringify(info)}\n`)) return holdLock(path, info);
    const holder = await readLockFile(path);
    if (holder === undefined) continue;
    if (holder !== 'unreadable' && isLive(holder, alive)) {
      throw new GatewayError('invalid_request', `The data dir ${dataDir} is in use by ${describeLockHolder(holder)}. Stop it first, or use another --data-dir.`, {
        code: 'data_dir_locked',
      });
    }
    await removeStaleLock(path, holder);
  }
  throw new GatewayError('internal', `Could not lock the data dir ${dataDir}: other processes keep taking it. Try again.`);
}

/**
 * Moves the stale lock out of the way under a unique name first, so two processes that both
 * found it stale cannot each delete the lock the other has just taken: only the one whose rename
 * took exactly the stale file removes it; a live lock moved by mistake is put back.
 */
async function removeStaleLock(path: string, stale: DataDirLockInfo | 'unreadable'): Promise<void> {
  const asidePath = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readLockFile(asidePath);
  const sameAsJudged = stale === 'unreadable' ? moved === 'unreadable' : moved !== 'unreadable' && moved?.id === stale.id;
  if (!sameAsJudged) await link(asidePath, path).catch(() => undefined);
  await rm(asidePath, { force: true });
}

function holdLock(path: string, initial: DataDirLockInfo): DataDirLock {
  heldByThisProcess.add(initial.id);
  let info = initial;
  let released = false;
  // A crash that still runs exit handlers (an uncaught error, process.exit) releases too; only
  // SIGKILL and power loss leave the file, and the next start finds its pid gone.
  const releaseOnExit = () => {
    if (!released) rmSync(path, { force: true });
  };
  process.once('exit', releaseOnExit);
  return {
    get info() {
      return info;
    },
    async setUrl(url) {
      if (released) return;
      info = { ...info, url };
      await writeFileAtomic(path, `${JSON.stringify(info)}\n`, { mode: 0o600 });
    },
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', releaseOnExit);
      heldByThisProcess.delete(info.id);
      const current = await readLockFile(path);
      if (current !== undefined && current !== 'unreadable' && current.id === info.id) await rm(path, { force: true });
    },
  };
}
