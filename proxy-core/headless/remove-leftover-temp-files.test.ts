import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeLeftoverTempFiles } from './remove-leftover-temp-files.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-leftovers-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('removes the temp files of writes cut by a kill, and nothing else', async () => {
  for (const name of ['config.json', 'accounts.json', 'config.json.0123456789ab.tmp', 'accounts.json.abcdefabcdef.tmp', 'api-keys.json.00000000abcd.tmp', 'notes.json.0123456789ab.tmp', 'admin-token']) {
    await writeFile(join(dataDir, name), '{}');
  }
  expect((await removeLeftoverTempFiles(dataDir)).sort()).toEqual(['accounts.json.abcdefabcdef.tmp', 'api-keys.json.00000000abcd.tmp', 'config.json.0123456789ab.tmp']);
  expect((await readdir(dataDir)).sort()).toEqual(['accounts.json', 'admin-token', 'config.json', 'notes.json.0123456789ab.tmp']);
});
