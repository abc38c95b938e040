import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminTokenPath, readOrCreateAdminToken } from './admin-token.js';

describe('readOrCreateAdminToken', () => {
  const directories: string[] = [];
  async function temporaryDirectory(): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), 'skyport-admin-token-'));
    directories.push(directory);
    return directory;
  }
  afterEach(async () => {
    await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('creates the data dir (0700) and a 0600 token file, then returns the same token on every call', async () => {
    const dataDir = join(await temporaryDirectory(), 'nested', 'data');
    const token = await readOrCreateAdminToken(dataDir);
    expect(token).toMatch(/^skyport-admin-[A-Za-z0-9_-]{43}$/);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(adminTokenPath(dataDir))).mode & 0o777).toBe(0o600);
    expect((await readFile(adminTokenPath(dataDir), 'utf8')).trim()).toBe(token);
    expect(await readOrCreateAdminToken(dataDir)).toBe(token);
  });

  it('gives every concurrent caller the same token (one file, never replaced)', async () => {
    const dataDir = await temporaryDirectory();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => readOrCreateAdminToken(dataDir)));
    expect(new Set(tokens).size).toBe(1);
    expect((await readFile(adminTokenPath(dataDir), 'utf8')).trim()).toBe(tokens[0]);
  });

  it('replaces an emptied file and tightens a group-readable one', async () => {
    const dataDir = await temporaryDirectory();
    await writeFile(adminTokenPath(dataDir), '\n');
    const token = await readOrCreateAdminToken(dataDir);
    expect(token).toMatch(/^skyport-admin-/);
    await chmod(adminTokenPath(dataDir), 0o644);
    expect(await readOrCreateAdminToken(dataDir)).toBe(token);
    expect((await stat(adminTokenPath(dataDir))).mode & 0o777).toBe(0o600);
  });
});
