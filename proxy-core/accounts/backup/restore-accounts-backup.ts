/**
 * Merges a backup's accounts into the pool by email (any case). A new email is added; a known one
 * takes the backup's token, project, tier, status, proxy (and whatever else the backup carries)
 * while keeping this machine's quota figures and history; one that already holds exactly what
 * the backup says is skipped. Everything is decided first and then stored as one change
 * (AccountStore.upsertMany), so a restore is applied whole or not at all.
 *
 * Tokens are trusted as backed up, without a call to Google per account: the backup is the
 * user's own, written by Skyport from accounts it had verified, and a restore must work offline.
 * A token revoked since is found at its first use or quota read and the account marked `revoked`.
 */
import type { Account } from '../account-schema.js';
import type { AccountStore } from '../account-store.js';
import { backupAccountSchema, type BackupAccount } from './accounts-backup-schema.js';

export type RestoreOutcome = 'added' | 'updated' | 'skipped';

export interface RestoreResult {
  email: string;
  outcome: RestoreOutcome;
  /** Why it was skipped. */
  reason: string | null;
}

export interface RestoreSummary {
  added: number;
  updated: number;
  skipped: number;
  results: RestoreResult[];
}

/** The fields a backup decides; the rest (quotas, cooldowns, last error, when it was added) stays this machine's. */
const restoredFields = Object.keys(backupAccountSchema.shape).filter((key) => key !== 'email' && key !== 'addedAt' && key !== 'lastUsedAt') as Array<keyof BackupAccount>;

export async function restoreAccountsBackup(store: Pick<AccountStore, 'get' | 'upsertMany'>, backup: readonly BackupAccount[]): Promise<RestoreSummary> {
  const results: RestoreResult[] = [];
  const changes: Account[] = [];
  const seen = new Set<string>();
  for (const entry of backup) {
    const key = entry.email.trim().toLowerCase();
    if (seen.has(key)) {
      results.push({ email: entry.email, outcome: 'skipped', reason: 'listed twice in the backup; the first entry was used' });
      continue;
    }
    seen.add(key);
    const existing = store.get(entry.email);
    if (existing === undefined) {
      changes.push(withoutUndefined({ ...entry, quotas: {}, cooldowns: {} }));
      results.push({ email: entry.email, outcome: 'added', reason: null });
      continue;
    }
    if (restoredFields.every((field) => sameValue(existing[field], entry[field]))) {
      results.push({ email: existing.email, outcome: 'skipped', reason: 'already up to date' });
      continue;
    }
    const merged: Record<string, unknown> = { ...existing };
    for (const field of restoredFields) merged[field] = entry[field];
    // A different token starts a new session: the old one's cooldowns no longer apply.
    if (existing.refreshToken !== entry.refreshToken) merged.cooldowns = {};
    changes.push(withoutUndefined(merged as Account));
    results.push({ email: existing.email, outcome: 'updated', reason: null });
  }
  if (changes.length > 0) await store.upsertMany(changes);
  return {
    added: results.filter((result) => result.outcome === 'added').length,
    updated: results.filter((result) => result.outcome === 'updated').length,
    skipped: results.filter((result) => result.outcome === 'skipped').length,
    results,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function withoutUndefined(account: Account): Account {
  return Object.fromEntries(Object.entries(account).filter(([, value]) => value !== undefined)) as Account;
}
