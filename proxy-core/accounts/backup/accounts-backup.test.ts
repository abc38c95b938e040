import { describe, expect, it } from 'vitest';
import type { Account } from '../account-schema.js';
import type { ScryptParams } from './accounts-backup-schema.js';
import { backupNeedsPassphrase, isAccountsBackup, openAccountsBackup } from './open-accounts-backup.js';
import { restoreAccountsBackup } from './restore-accounts-backup.js';
import { sealAccountsBackup } from './seal-accounts-backup.js';

const fast: ScryptParams = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1, key_length: 32 };
const now = () => new Date('2026-12-07T10:00:00.000Z');
const passphrase = 'correct horse battery';

function account(email: string, extra: Partial<Account> = {}): Account {
  return {
    email,
    refreshToken: `1//token-of-${email}`,
    projectId: `project-${email}`,
    tier: 'free-tier',
    status: 'active',
    addedAt: '2026-01-01T00:00:00.000Z',
    quotas: { 'gemini-3-flash': { remainingFraction: 0.5 } },
    cooldowns: { '*': { until: '2026-12-07T11:00:00.000Z', reason: 'rate_limited', strikes: 1 } },
    lastError: 'Quota refresh failed',
    ...extra,
  };
}

const accounts = [account('a@example.com', { upstreamProxy: 'socks5://127.0.0.1:1080', labels: ['team-a'] }), account('b@example.com', { status: 'disabled', statusReason: 'Disabled by user' })];

const seal = () => sealAccountsBackup(accounts, { passphrase, now, scryptParams: fast });

/** The file with one base64 field's bytes changed (the first byte's lowest bit flipped). */
function flip(text: string, field: 'ciphertext' | 'tag' | 'salt' | 'iv'): string {
  const envelope = JSON.parse(text) as Record<string, string>;
  const bytes = Buffer.from(envelope[field] ?? '', 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return JSON.stringify({ ...envelope, [field]: bytes.toString('base64') });
}

describe('accounts backup encryption', () => {
  it('round-trips the accounts (tokens, project, status, proxy, labels) and leaves out quotas, cooldowns and errors', async () => {
    const text = await seal();
    expect(isAccountsBackup(text)).toBe(true);
    expect(backupNeedsPassphrase(text)).toBe(true);
    const opened = await openAccountsBackup(text, passphrase);
    expect(opened.encrypted).toBe(true);
    expect(opened.accounts).toEqual([
      { email: 'a@example.com', refreshToken: '1//token-of-a@example.com', projectId: 'project-a@example.com', tier: 'free-tier', status: 'active', addedAt: '2026-01-01T00:00:00.000Z', upstreamProxy: 'socks5://127.0.0.1:1080', labels: ['team-a'] },
      { email: 'b@example.com', refreshToken: '1//token-of-b@example.com', projectId: 'project-b@example.com', tier: 'free-tier', status: 'disabled', statusReason: 'Disabled by user', addedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('writes a versioned envelope with the kdf parameters and no token or email in clear', async () => {
    const text = await seal();
    const envelope = JSON.parse(text) as Record<string, unknown>;
    expect(envelope).toMatchObject({ format: 'skyport-accounts-backup', version: 1, encryption: 'aes-256-gcm', kdf: { name: 'scrypt', N: 2 ** 14, r: 8, p: 1, key_length: 32 } });
    expect(Buffer.from(envelope.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.iv as string, 'base64')).toHaveLength(12);
    expect(Buffer.from(envelope.tag as string, 'base64')).toHaveLength(16);
    expect(text).not.toContain('1//');
    expect(text).not.toContain('example.com');
  });

  it('uses a fresh salt and IV every time', async () => {
    const [first, second] = [JSON.parse(await seal()) as Record<string, string>, JSON.parse(await seal()) as Record<string, string>];
    expect(first.salt).not.toBe(second.salt);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('refuses a wrong passphrase', async () => {
    await expect(openAccountsBackup(await seal(), 'wrong horse battery')).rejects.toMatchObject({ code: 'backup_auth_failed', message: expect.stringMatching(/Wrong passphrase/) });
  });

  it('asks for the passphrase when none is given', async () => {
    await expect(openAccountsBackup(await seal(), undefined)).rejects.toMatchObject({ code: 'passphrase_required' });
  });

  it.each(['ciphertext', 'tag', 'salt', 'iv'] as const)('detects a changed byte in the %s', async (field) => {
    await expect(openAccountsBackup(flip(await seal(), field), passphrase)).rejects.toMatchObject({ code: 'backup_auth_failed' });
  });

  it('detects changed kdf parameters (the header is authenticated)', async () => {
    const envelope = JSON.parse(await seal()) as { kdf: ScryptParams };
    // Same cost class, different r: a valid file shape, so only the authentication can catch it.
    const changed = JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, r: 9 } });
    await expect(openAccountsBackup(changed, passphrase)).rejects.toMatchObject({ code: 'backup_auth_failed' });
  });

  it('refuses a truncated file, whatever the cut', async () => {
    const text = await seal();
    for (const length of [10, Math.floor(text.length / 2), text.length - 3]) {
      await expect(openAccountsBackup(text.slice(0, length), passphrase)).rejects.toMatchObject({ code: expect.stringMatching(/^backup_/) });
    }
    const envelope = JSON.parse(text) as Record<string, string>;
    const shortCiphertext = JSON.stringify({ ...envelope, ciphertext: (envelope.ciphertext ?? '').slice(0, 12) });
    await expect(openAccountsBackup(shortCiphertext, passphrase)).rejects.toMatchObject({ code: 'backup_auth_failed' });
  });

  it('names an unknown format or version', async () => {
    await expect(openAccountsBackup('[{"refresh_token":"1//x"}]', passphrase)).rejects.toMatchObject({ code: 'backup_unknown_format' });
    const envelope = JSON.parse(await seal()) as Record<string, unknown>;
    await expect(openAccountsBackup(JSON.stringify({ ...envelope, version: 2 }), passphrase)).rejects.toMatchObject({
      code: 'backup_unknown_version',
      message: expect.stringMatching(/version 2/),
    });
    await expect(openAccountsBackup(JSON.stringify({ ...envelope, kdf: { ...(envelope.kdf as object), N: 2 ** 30 } }), passphrase)).rejects.toMatchObject({ code: 'backup_damaged' });
  });

  it('refuses a passphrase shorter than 8 characters when exporting', async () => {
    await expect(sealAccountsBackup(accounts, { passphrase: 'short', now, scryptParams: fast })).rejects.toMatchObject({ code: 'weak_passphrase' });
  });

  it('writes and reads a plain backup only when asked for', async () => {
    const text = await sealAccountsBackup(accounts, { plain: true, now });
    expect(JSON.parse(text)).toMatchObject({ format: 'skyport-accounts-backup', encryption: 'none' });
    expect(backupNeedsPassphrase(text)).toBe(false);
    const opened = await openAccountsBackup(text, undefined);
    expect(opened.encrypted).toBe(false);
    expect(opened.accounts.map((entry) => entry.refreshToken)).toEqual(['1//token-of-a@example.com', '1//token-of-b@example.com']);
  });

  it('never quotes a token or the passphrase in an error', async () => {
    const text = await sealAccountsBackup([account('c@example.com', { refreshToken: '1//secret-value' })], { plain: true, now });
    const broken = text.replace('"email": "c@example.com"', '"email": 5');
    const error = (await openAccountsBackup(broken, passphrase).then(
      () => new Error('opened'),
      (caught: unknown) => caught,
    )) as Error;
    expect(error.message).toMatch(/accounts\.0\.email/);
    expect(error.message).not.toContain('1//secret-value');
    expect(error.message).not.toContain(passphrase);
  });
});

describe('restoring a backup', () => {
  function memoryStore(initial: Account[]) {
    let list = [...initial];
    let writes = 0;
    return {
      get: (email: string) => list.find((entry) => entry.email.toLowerCase() === email.toLowerCase()),
      async upsertMany(incoming: readonly Account[]) {
        writes += 1;
        for (const next of incoming) {
          const index = list.findIndex((entry) => entry.email.toLowerCase() === next.email.toLowerCase());
          list = index === -1 ? [...list, next] : list.map((entry, i) => (i === index ? next : entry));
        }
        return [...incoming];
      },
      list: () => list,
      writes: () => writes,
    };
  }

  it('adds new emails, updates changed ones, skips identical ones, in one write', async () => {
    const opened = await openAccountsBackup(await sealAccountsBackup([...accounts, account('c@example.com')], { plain: true, now }), undefined);
    const store = memoryStore([
      account('A@example.com', { refreshToken: '1//older-token', quotas: { 'gemini-3-pro-high': { remainingFraction: 0.1 } } }),
      account('c@example.com'),
    ]);
    const summary = await restoreAccountsBackup(store, opened.accounts);
    expect(summary).toMatchObject({ added: 1, updated: 1, skipped: 1 });
    expect(summary.results).toEqual([
      { email: 'A@example.com', outcome: 'updated', reason: null },
      { email: 'b@example.com', outcome: 'added', reason: null },
      { email: 'c@example.com', outcome: 'skipped', reason: 'already up to date' },
    ]);
    expect(store.writes()).toBe(1);
    const updated = store.get('a@example.com');
    // The backup's token and proxy; this machine's quota figures; old cooldowns gone with the old token.
    expect(updated).toMatchObject({ email: 'A@example.com', refreshToken: '1//token-of-a@example.com', upstreamProxy: 'socks5://127.0.0.1:1080', quotas: { 'gemini-3-pro-high': { remainingFraction: 0.1 } }, cooldowns: {} });
    expect(store.get('b@example.com')).toMatchObject({ status: 'disabled', quotas: {}, cooldowns: {} });
  });

  it('skips an email listed twice and writes nothing when nothing changes', async () => {
    const store = memoryStore([account('a@example.com')]);
    const entry = (await openAccountsBackup(await sealAccountsBackup([account('a@example.com')], { plain: true, now }), undefined)).accounts[0];
    if (entry === undefined) throw new Error('no entry');
    const summary = await restoreAccountsBackup(store, [entry, { ...entry, email: 'A@EXAMPLE.COM' }]);
    expect(summary).toMatchObject({ added: 0, updated: 0, skipped: 2 });
    expect(summary.results[1]?.reason).toMatch(/listed twice/);
    expect(store.writes()).toBe(0);
  });
});
