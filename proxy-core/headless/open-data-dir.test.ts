import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readOrCreateAdminToken } from '../config/admin-token.js';
import { dataDirLockPath, readDataDirLock } from './data-dir-lock.js';
import { openDataDir } from './open-data-dir.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-open-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const holder = (command: string, url: string | null) => JSON.stringify({ id: 'other', pid: 4242, command, url, started_at: '2026-01-01T00:00:00.000Z' });
const alive = (pid: number) => pid === 4242;

describe('openDataDir', () => {
  it('with no gateway, takes the lock for the command and gives it back', async () => {
    const access = await openDataDir(dataDir, { command: 'config set' });
    expect(access.kind).toBe('local');
    expect(await readDataDirLock(dataDir)).toMatchObject({ command: 'config set', pid: process.pid });
    if (access.kind === 'local') await access.lock?.release();
    expect(await readDataDirLock(dataDir)).toBeUndefined();
  });

  it('with a gateway listening, calls its admin API with the admin token', async () => {
    await writeFile(dataDirLockPath(dataDir), holder('serve', 'http://127.0.0.1:8045'));
    const token = await readOrCreateAdminToken(dataDir);
    const fetch = vi.fn(async () => new Response(JSON.stringify({ deleted: true }), { status: 200 }));
    const access = await openDataDir(dataDir, { command: 'accounts remove', fetch: fetch as never, isProcessAlive: alive });
    if (access.kind !== 'gateway') throw new Error('expected the gateway');
    expect(await access.client.call('removeAccount', { email: 'a@example.com' })).toEqual({ deleted: true });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:8045/api/admin/control/removeAccount', expect.objectContaining({ headers: expect.objectContaining({ authorization: `Bearer ${token}` }) }));
  });

  it('turns a gateway error into the same message and kind', async () => {
    await writeFile(dataDirLockPath(dataDir), holder('serve', 'http://127.0.0.1:8045'));
    const fetch = async () => new Response(JSON.stringify({ error: { message: 'No account x.', code: 'account_not_found' } }), { status: 404 });
    const access = await openDataDir(dataDir, { command: 'accounts remove', fetch: fetch as never, isProcessAlive: alive });
    if (access.kind !== 'gateway') throw new Error('expected the gateway');
    await expect(access.client.call('removeAccount', { email: 'x' })).rejects.toMatchObject({ kind: 'not_found', message: 'No account x.', code: 'account_not_found' });
  });

  it('waits for a starting gateway to write its address', async () => {
    await writeFile(dataDirLockPath(dataDir), holder('serve', null));
    const sleep = vi.fn(async () => {
      await writeFile(dataDirLockPath(dataDir), holder('serve', 'http://127.0.0.1:9000'));
    });
    const access = await openDataDir(dataDir, { command: 'config set', sleep, isProcessAlive: alive });
    expect(access.kind).toBe('gateway');
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('refuses a change while another one-shot command holds the dir, naming it; a read goes ahead without the lock', async () => {
    await writeFile(dataDirLockPath(dataDir), holder('accounts login', null));
    await expect(openDataDir(dataDir, { command: 'config set', isProcessAlive: alive })).rejects.toThrow(/in use by skyport accounts login \(pid 4242/);
    expect(await openDataDir(dataDir, { command: 'config get', readOnly: true, isProcessAlive: alive })).toEqual({ kind: 'local', lock: undefined });
  });

  it('never sends the admin token to an address that is not this machine', async () => {
    await writeFile(dataDirLockPath(dataDir), holder('serve', 'http://203.0.113.7:8045'));
    await expect(openDataDir(dataDir, { command: 'config set', isProcessAlive: alive })).rejects.toMatchObject({ code: 'gateway_not_local' });
  });
});
