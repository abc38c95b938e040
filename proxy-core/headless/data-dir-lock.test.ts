import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, dataDirLockPath, readDataDirLock } from './data-dir-lock.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const otherProcessLock = (pid: number, url: string | null = 'http://127.0.0.1:8045') =>
  JSON.stringify({ id: 'other', pid, command: 'serve', url, started_at: '2026-01-01T00:00:00.000Z' });

describe('data dir lock', () => {
  it('records this process and its address, and is gone once released', async () => {
    const lock = await acquireDataDirLock(dataDir, { command: 'serve' });
    await lock.setUrl('http://127.0.0.1:9000');
    expect(JSON.parse(await readFile(dataDirLockPath(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, command: 'serve', url: 'http://127.0.0.1:9000' });
    expect(await readDataDirLock(dataDir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:9000' });
    await expect(acquireDataDirLock(dataDir, { command: 'serve' })).rejects.toThrow(new RegExp(`pid ${process.pid} at http://127\\.0\\.0\\.1:9000`));
    await lock.release();
    expect(await readdir(dataDir)).toEqual([]);
    expect(await readDataDirLock(dataDir)).toBeUndefined();
  });

  it('refuses while another live process holds it, naming its pid and address', async () => {
    await writeFile(dataDirLockPath(dataDir), otherProcessLock(4242));
    const attempt = acquireDataDirLock(dataDir, { command: 'serve', isProcessAlive: (pid) => pid === 4242 });
    await expect(attempt).rejects.toMatchObject({ code: 'data_dir_locked', message: expect.stringMatching(/skyport serve \(pid 4242 at http:\/\/127\.0\.0\.1:8045/) });
    expect(await readFile(dataDirLockPath(dataDir), 'utf8')).toBe(otherProcessLock(4242));
  });

  it('takes over the lock of a process that is gone (killed with SIGKILL)', async () => {
    await writeFile(dataDirLockPath(dataDir), otherProcessLock(4242));
    expect(await readDataDirLock(dataDir, { isProcessAlive: () => false })).toBeUndefined();
    const lock = await acquireDataDirLock(dataDir, { command: 'serve', isProcessAlive: () => false });
    expect(JSON.parse(await readFile(dataDirLockPath(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, url: null });
    await lock.release();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('takes over a lock with this very pid that this process never took (a container restarted with the same pid)', async () => {
    await writeFile(dataDirLockPath(dataDir), otherProcessLock(process.pid));
    const lock = await acquireDataDirLock(dataDir, { command: 'serve' });
    expect(lock.info.pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock file that does not parse', async () => {
    await writeFile(dataDirLockPath(dataDir), '{"pid": 12');
    const lock = await acquireDataDirLock(dataDir, { command: 'config set' });
    expect(JSON.parse(await readFile(dataDirLockPath(dataDir), 'utf8'))).toMatchObject({ command: 'config set' });
    await lock.release();
  });

  it('gives the lock to exactly one of several processes starting at once on a stale lock', async () => {
    await writeFile(dataDirLockPath(dataDir), otherProcessLock(4242));
    const dead = (pid: number) => pid !== 4242 && pid === process.pid;
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => acquireDataDirLock(dataDir, { command: 'serve', isProcessAlive: dead })));
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(attempts.filter((attempt) => attempt.status === 'rejected')).toHaveLength(4);
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('release leaves a lock that is no longer this one', async () => {
    const lock = await acquireDataDirLock(dataDir, { command: 'serve' });
    await writeFile(dataDirLockPath(dataDir), otherProcessLock(4242));
    await lock.release();
    expect(await readFile(dataDirLockPath(dataDir), 'utf8')).toBe(otherProcessLock(4242));
  });
});
