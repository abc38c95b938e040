/** Every import format from small real fixtures built here in a fake home (never the developer's own files). */
import Database from 'better-sqlite3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultImportPath, readAccountImportSource, type LocalMachine } from './read-account-import-source.js';
import { legacyStateKey, unifiedOAuthKey } from './read-antigravity-state-db.js';

let home: string;
let machine: LocalMachine;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'skyport-import-home-'));
  machine = { homeDir: home, platform: 'linux', environment: {} };
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Protobuf encoding as Antigravity writes it: varint tags, length-delimited strings and messages. */
function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
function field(number: number, content: Buffer | string): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}
function oauthTokenInfo(refreshToken: string): Buffer {
  const expiry = Buffer.concat([varint(1 << 3), varint(1_800_000_000)]);
  return Buffer.concat([field(1, 'ya29.access'), field(2, 'Bearer'), field(3, refreshToken), field(4, expiry)]);
}
function unifiedValue(refreshToken: string): string {
  const inner2 = field(1, oauthTokenInfo(refreshToken).toString('base64'));
  const inner = Buffer.concat([field(1, 'oauthTokenInfoSentinelKey'), field(2, inner2)]);
  return field(1, inner).toString('base64');
}
function legacyValue(refreshToken: string, email: string): string {
  return Buffer.concat([field(1, 'user-id-123'), field(2, email), field(6, oauthTokenInfo(refreshToken)), field(9, 'other state')]).toString('base64');
}

async function stateDb(rows: Record<string, string>): Promise<string> {
  const path = defaultImportPath('antigravity', machine);
  await mkdir(join(path, '..'), { recursive: true });
  const db = new Database(path);
  db.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  const insert = db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)');
  insert.run('workbench.panel.width', '300');
  for (const [key, value] of Object.entries(rows)) insert.run(key, value);
  db.close();
  return path;
}

describe('default places', () => {
  it('follows each system', () => {
    expect(defaultImportPath('antigravity', { homeDir: '/Users/me', platform: 'darwin', environment: {} })).toBe('/Users/me/Library/Application Support/Antigravity/User/globalStorage/state.vscdb');
    expect(defaultImportPath('antigravity', { homeDir: '/home/me', platform: 'linux', environment: {} })).toBe('/home/me/.config/Antigravity/User/globalStorage/state.vscdb');
    expect(defaultImportPath('antigravity', { homeDir: '/home/me', platform: 'linux', environment: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/Antigravity/User/globalStorage/state.vscdb');
    expect(defaultImportPath('antigravity', { homeDir: 'C:/Users/me', platform: 'win32', environment: { APPDATA: 'C:/Users/me/AppData/Roaming' } })).toBe(
      join('C:/Users/me/AppData/Roaming', 'Antigravity', 'User', 'globalStorage', 'state.vscdb'),
    );
    expect(defaultImportPath('gemini-cli', { homeDir: '/home/me', platform: 'linux', environment: {} })).toBe('/home/me/.gemini/oauth_creds.json');
    expect(defaultImportPath('antigravity-manager', { homeDir: '/home/me', platform: 'linux', environment: {} })).toBe('/home/me/.antigravity_tools');
    expect(defaultImportPath('antigravity-manager', { homeDir: '/home/me', platform: 'linux', environment: { ABV_DATA_DIR: '/data/abv' } })).toBe('/data/abv');
  });
});

describe('Antigravity state.vscdb', () => {
  it('reads the current format (antigravityUnifiedStateSync.oauthToken)', async () => {
    await stateDb({ [unifiedOAuthKey]: unifiedValue('1//unified-refresh-token-abcdefghijkl') });
    expect(await readAccountImportSource('antigravity', { machine })).toEqual([{ where: expect.stringContaining(unifiedOAuthKey), token: '1//unified-refresh-token-abcdefghijkl' }]);
  });

  it('reads the older format (jetskiStateSync.agentManagerInitState) with its email', async () => {
    await stateDb({ [legacyStateKey]: legacyValue('1//legacy-refresh-token-abcdefghijkl', 'old@example.com') });
    expect(await readAccountImportSource('antigravity', { machine })).toEqual([
      { where: expect.stringContaining(legacyStateKey), token: '1//legacy-refresh-token-abcdefghijkl', email: 'old@example.com' },
    ]);
  });

  it('finds a token under another auth key when the known keys are absent (the layout is not published)', async () => {
    const nested = Buffer.from(JSON.stringify({ session: field(5, oauthTokenInfo('1//moved-refresh-token-abcdefghijkl')).toString('base64') })).toString('base64');
    await stateDb({ 'antigravityAuthStatus.v2': nested });
    expect(await readAccountImportSource('antigravity', { machine })).toEqual([{ where: expect.stringContaining('antigravityAuthStatus.v2'), token: '1//moved-refresh-token-abcdefghijkl' }]);
  });

  it('opens the database with the addon it is given (the desktop app passes the one built for Electron)', async () => {
    await stateDb({ [unifiedOAuthKey]: unifiedValue('1//unified-refresh-token-abcdefghijkl') });
    await expect(readAccountImportSource('antigravity', { machine, sqliteNativeBinding: join(home, 'missing-addon.node') })).rejects.toMatchObject({
      message: expect.stringContaining('missing-addon.node'),
    });
  });

  it('says when nobody is signed in', async () => {
    await stateDb({ antigravityOnboarding: 'true' });
    await expect(readAccountImportSource('antigravity', { machine })).rejects.toMatchObject({ code: 'import_nothing_found' });
  });

  it('says when the database is missing', async () => {
    await expect(readAccountImportSource('antigravity', { machine })).rejects.toMatchObject({ code: 'import_source_missing', message: expect.stringContaining('state.vscdb') });
  });

  it('says when the file is not a database', async () => {
    const path = defaultImportPath('antigravity', machine);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    await expect(readAccountImportSource('antigravity', { machine })).rejects.toMatchObject({ code: 'import_unknown_format' });
  });

  it('says when Antigravity holds the database locked', async () => {
    const path = await stateDb({ [unifiedOAuthKey]: unifiedValue('1//unified-refresh-token-abcdefghijkl') });
    const writer = new Database(path);
    writer.pragma('journal_mode = DELETE');
    writer.exec('BEGIN EXCLUSIVE');
    try {
      await expect(readAccountImportSource('antigravity', { machine, busyTimeoutMs: 50 })).rejects.toMatchObject({ code: 'import_source_locked', message: expect.stringMatching(/locked/) });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});

describe('Gemini CLI oauth_creds.json', () => {
  it('reads the refresh token', async () => {
    await mkdir(join(home, '.gemini'));
    await writeFile(
      join(home, '.gemini', 'oauth_creds.json'),
      JSON.stringify({ access_token: 'ya29.a', refresh_token: '1//gemini-cli-token', scope: 'openid', token_type: 'Bearer', expiry_date: 1_800_000_000_000 }),
    );
    expect(await readAccountImportSource('gemini-cli', { machine })).toEqual([{ where: join(home, '.gemini', 'oauth_creds.json'), token: '1//gemini-cli-token' }]);
  });

  it('says when Gemini CLI is missing, signed in another way, or the file is broken', async () => {
    await expect(readAccountImportSource('gemini-cli', { machine })).rejects.toMatchObject({ code: 'import_source_missing' });
    await mkdir(join(home, '.gemini'));
    await writeFile(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify({ access_token: 'ya29.a' }));
    await expect(readAccountImportSource('gemini-cli', { machine })).rejects.toMatchObject({ code: 'import_nothing_found' });
    await writeFile(join(home, '.gemini', 'oauth_creds.json'), '{"refresh_token": "1//cut');
    await expect(readAccountImportSource('gemini-cli', { machine })).rejects.toMatchObject({ code: 'import_unknown_format' });
  });
});

describe('Antigravity Manager', () => {
  it('reads its account export (a list of {email, refresh_token}) and its {accounts} answer', async () => {
    const file = join(home, 'antigravity_accounts_2026-12-07.json');
    await writeFile(file, JSON.stringify([{ email: 'a@example.com', refresh_token: '1//manager-a' }, { email: 'b@example.com' }]));
    expect(await readAccountImportSource('antigravity-manager', { machine, file })).toEqual([
      { where: `${file} entry 1`, token: '1//manager-a', email: 'a@example.com' },
      { where: `${file} entry 2`, problem: 'no refresh_token' },
    ]);
    await writeFile(file, JSON.stringify({ accounts: [{ email: 'c@example.com', refresh_token: '1//manager-c' }] }));
    expect(await readAccountImportSource('antigravity-manager', { machine, file })).toEqual([{ where: `${file} entry 1`, token: '1//manager-c', email: 'c@example.com' }]);
  });

  it('reads its data dir (accounts/<id>.json with the token inside)', async () => {
    const accountsDir = join(home, '.antigravity_tools', 'accounts');
    await mkdir(accountsDir, { recursive: true });
    await writeFile(join(home, '.antigravity_tools', 'accounts.json'), JSON.stringify({ version: '2.0', accounts: [{ id: 'one', email: 'one@example.com' }], current_account_id: 'one' }));
    await writeFile(
      join(accountsDir, 'one.json'),
      JSON.stringify({ id: 'one', email: 'one@example.com', token: { access_token: 'ya29.x', refresh_token: '1//manager-one', expires_in: 3599, expiry_timestamp: 1, token_type: 'Bearer' }, disabled: false, created_at: 1, last_used: 1 }),
    );
    await writeFile(join(accountsDir, 'two.json'), '{ broken');
    expect(await readAccountImportSource('antigravity-manager', { machine })).toEqual([
      { where: join(accountsDir, 'one.json'), token: '1//manager-one', email: 'one@example.com' },
      { where: join(accountsDir, 'two.json'), problem: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it('names an unknown format and a missing install', async () => {
    const file = join(home, 'other.json');
    await writeFile(file, JSON.stringify({ something: 'else' }));
    await expect(readAccountImportSource('antigravity-manager', { machine, file })).rejects.toMatchObject({ code: 'import_unknown_format' });
    await expect(readAccountImportSource('antigravity-manager', { machine })).rejects.toMatchObject({ code: 'import_source_missing' });
  });
});
