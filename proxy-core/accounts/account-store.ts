/**
 * The account pool as persisted in `<data dir>/accounts.json` (ARCHITECTURE.md, data directory).
 * Memory is the source of truth; every change is applied there at once and then written to disk
 * through one queue, so concurrent changes never lose each other and the file always ends with
 * the final state. A file that does not parse is moved aside, never overwritten; a token that
 * cannot be decrypted (a locked keyring) leaves the file untouched and the store locked.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { accountSchema, accountsFileSchema, type Account, type AccountsFile } from './account-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { moveAside } from '../util/move-aside.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';

/**
 * How refresh tokens are stored: the desktop app plugs in safeStorage; headless keeps plain text
 * in a 0600 file. `encode` throws when it will not store a token (the store then changes nothing).
 */
export interface SecretCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

/**
 * Accounts handed out by the store are deeply frozen: they are the store's own state, shared by
 * every reader without copying (the scheduler reads the list several times per request). Change
 * an account through `update`/`upsert`; a write to a handed-out object throws a TypeError.
 */
export type AccountsListener = (accounts: readonly Account[]) => void;

/**
 * A change to one account: the fields to set, or a function of the account as it is when the
 * change is applied (a read-modify-write for fields that merge, such as cooldowns, so a change
 * computed from an older copy never drops one made since).
 */
export type AccountPatch = Partial<Account> | ((current: Account) => Partial<Account>);

export interface AccountStore {
  /** Frozen, in insertion order; the same array until the next change. */
  list(): readonly Account[];
  /** Frozen. */
  get(email: string): Account | undefined;
  /** Adds the account, or replaces the one with the same email (any case). Resolves once written. */
  upsert(account: Account): Promise<Account>;
  /**
   * Adds or replaces several accounts as one change: every account is validated (and its token
   * encoded) first, so one bad account changes nothing, and the file is written once with all of
   * them (a backup restore is never half applied). Resolves once written.
   */
  upsertMany(accounts: readonly Account[]): Promise<Account[]>;
  /** Merges `patch` (its `email` is ignored); `undefined` values clear a field. Resolves once written; undefined when there is no such account. */
  update(email: string, patch: AccountPatch): Promise<Account | undefined>;
  /** Resolves once written; false when there was no such account. */
  remove(email: string): Promise<boolean>;
  /**
   * Several accounts changed as one change (bulk actions on the Accounts page): every patch is
   * applied against the accounts as they are now and validated first, so one invalid patch changes
   * nothing, and the file is written once. Per email: the updated account, or undefined when
   * there is no such account.
   */
  updateMany(changes: ReadonlyArray<{ email: string; patch: AccountPatch }>): Promise<Array<Account | undefined>>;
  /** Removes several accounts as one change, written once. Per email: whether it was there. */
  removeMany(emails: readonly string[]): Promise<boolean[]>;
  /** Called synchronously after every change with the new list. Returns an unsubscribe function. */
  onChange(listener: AccountsListener): () => void;
  /** Resolves when every change made so far is on disk (or rejects with the last write error). */
  flush(): Promise<void>;
  /** Why the pool is not what the file holds (locked keyring), or where an unreadable file was kept; undefined when all is well. */
  problem(): AccountStoreProblem | undefined;
  /**
   * Reads the file again while the store is locked (the user unlocked the keyring and pressed
   * Retry); listeners hear of the accounts it brings back. Does nothing otherwise.
   */
  reload(): Promise<AccountStoreProblem | undefined>;
}

/**
 * `locked`: the file is fine but a refresh token could not be decrypted (on the desktop, a keyring
 * still locked after a login-time start). That is not corruption: the file is left exactly as it
 * is, the pool is empty and every change is refused (a write would replace the accounts it could
 * not read) until `reload` succeeds. `moved_aside`: the file did not parse and was kept at `keptAt`.
 */
export type AccountStoreProblem = { kind: 'locked'; message: string } | { kind: 'moved_aside'; keptAt: string; message: string };

export interface AccountStoreOptions {
  filePath: string;
  logger: { warn(message: string): void };
  now?: () => Date;
  secretCodec?: SecretCodec;
}

const fileMode = 0o600;
const identityCodec: SecretCodec = { encode: (plain) => plain, decode: (stored) => stored };

export async function createAccountStore(options: AccountStoreOptions): Promise<AccountStore> {
  const { filePath, logger } = options;
  const now = options.now ?? (() => new Date());
  const codec = options.secretCodec ?? identityCodec;

  // Frozen as a whole: `accounts` is replaced on every change, never modified, so it is also the
  // snapshot `list()` hands out.
  const loaded = await loadAccounts(filePath, codec, logger, now);
  let accounts: readonly Account[] = freezeList(loaded.accounts);
  let problem = loaded.problem;
  const listeners = new Set<AccountsListener>();
  const refuseWhileLocked = () => {
    if (problem?.kind === 'locked') throw new GatewayError('no_account', problem.message, { code: 'accounts_locked' });
  };

  // The write queue: `tail` is the last write started or queued; `queued` is a write that has
  // not started yet, which later changes join instead of queueing another.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  function persist(): Promise<void> {
    if (queued) return queued;
    const write = tail
      .catch(() => undefined)
      .then(async () => {
        queued = undefined;
        // Serialised now, not when queued, so the write carries every change made before it starts.
        const content = serialise(accounts, codec);
        await writeFileAtomic(filePath, content, { mode: fileMode });
      });
    write.catch((error: unknown) => {
      logger.warn(`Could not write ${filePath}: ${error instanceof Error ? error.message : String(error)}`);
    });
    queued = write;
    tail = write;
    return write;
  }

  function changed(next: Account[]): Promise<void> {
    accounts = freezeList(next);
    notify();
    return persist();
  }

  function notify(): void {
    for (const listener of listeners) {
      try {
        listener(accounts);
      } catch (error) {
        logger.warn(`An accounts listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  function indexOf(email: string): number {
    const key = email.trim().toLowerCase();
    return accounts.findIndex((account) => account.email.toLowerCase() === key);
  }

  return {
    list: () => accounts,

    get: (email) => accounts[indexOf(email)],

    async upsert(account) {
      refuseWhileLocked();
      const valid = validate(account);
      // A codec that refuses (the desktop without a keychain) must leave the pool as it was.
      codec.encode(valid.refreshToken);
      const index = indexOf(valid.email);
      await changed(index === -1 ? [...accounts, valid] : accounts.map((existing, i) => (i === index ? valid : existing)));
      return valid;
    },

    async upsertMany(incoming) {
      refuseWhileLocked();
      const valid = incoming.map(validate);
      for (const account of valid) codec.encode(account.refreshToken);
      let next = [...accounts];
      for (const account of valid) {
        const key = account.email.toLowerCase();
        const index = next.findIndex((existing) => existing.email.toLowerCase() === key);
        next = index === -1 ? [...next, account] : next.map((existing, i) => (i === index ? account : existing));
      }
      await changed(next);
      return valid;
    },

    async update(email, patch) {
      refuseWhileLocked();
      const index = indexOf(email);
      const existing = accounts[index];
      if (existing === undefined) return undefined;
      // Applied synchronously, against the account as it is now: nothing can change in between.
      const fields = typeof patch === 'function' ? patch(existing) : patch;
      const merged = validate({ ...existing, ...fields, email: existing.email });
      if (fields.refreshToken !== undefined) codec.encode(merged.refreshToken);
      await changed(accounts.map((account, i) => (i === index ? merged : account)));
      return merged;
    },

    async remove(email) {
      refuseWhileLocked();
      const index = indexOf(email);
      if (index === -1) return false;
      await changed(accounts.filter((_, i) => i !== index));
      return true;
    },

    async updateMany(changes) {
      refuseWhileLocked();
      const next = [...accounts];
      const results: Array<Account | undefined> = [];
      for (const { email, patch } of changes) {
        const key = email.trim().toLowerCase();
        const index = next.findIndex((account) => account.email.toLowerCase() === key);
        const existing = next[index];
        if (existing === undefined) {
          results.push(undefined);
          continue;
        }
        // Against the account as earlier changes of this batch left it (the same email twice merges).
        const fields = typeof patch === 'function' ? patch(existing) : patch;
        const merged = validate({ ...existing, ...fields, email: existing.email });
        if (fields.refreshToken !== undefined) codec.encode(merged.refreshToken);
        next[index] = merged;
        results.push(merged);
      }
      if (results.some((result) => result !== undefined)) await changed(next);
      return results;
    },

    async removeMany(emails) {
      refuseWhileLocked();
      const keys = emails.map((email) => email.trim().toLowerCase());
      const present = new Set(accounts.map((account) => account.email.toLowerCase()));
      const results = keys.map((key, i) => present.has(key) && keys.indexOf(key) === i);
      const removing = new Set(keys);
      if (results.some(Boolean)) await changed(accounts.filter((account) => !removing.has(account.email.toLowerCase())));
      return results;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    flush: () => tail,

    problem: () => problem,

    async reload() {
      if (problem?.kind !== 'locked') return problem;
      const again = await loadAccounts(filePath, codec, logger, now);
      problem = again.problem;
      if (problem?.kind !== 'locked') {
        accounts = freezeList(again.accounts);
        notify();
      }
      return problem;
    },
  };
}

async function loadAccounts(
  filePath: string,
  codec: SecretCodec,
  logger: AccountStoreOptions['logger'],
  now: () => Date,
): Promise<{ accounts: Account[]; problem: AccountStoreProblem | undefined }> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { accounts: [], problem: undefined };
    throw error;
  }
  const parsed = parseAccountsFile(text, codec);
  if (parsed.kind === 'accounts') return { accounts: deduplicate(parsed.accounts, filePath, logger), problem: undefined };
  if (parsed.kind === 'undecodable') {
    // Not corruption: the file stays exactly as it is and nothing is written over it.
    const message = `The refresh token of ${parsed.email} in ${filePath} could not be decrypted: the keyring (Keychain, GNOME Keyring, KWallet) may still be locked. Unlock your keyring, then Retry. Your accounts are kept and unused until then.`;
    logger.warn(message);
    return { accounts: [], problem: { kind: 'locked', message } };
  }
  // Start empty but keep the user's file: nothing is written until the first real change.
  const keptAt = await moveAside(filePath, now());
  const message = `${filePath} could not be read (${parsed.reason}); it was kept as ${keptAt} and the account list starts empty`;
  logger.warn(message);
  return { accounts: [], problem: { kind: 'moved_aside', keptAt, message } };
}

function deduplicate(accounts: Account[], filePath: string, logger: AccountStoreOptions['logger']): Account[] {
  const seen = new Set<string>();
  return accounts.filter((account) => {
    const key = account.email.toLowerCase();
    if (seen.has(key)) {
      logger.warn(`${filePath} lists ${account.email} twice; the first entry is used`);
      return false;
    }
    seen.add(key);
    return true;
  });
}

function serialise(accounts: readonly Account[], codec: SecretCodec): string {
  const file: AccountsFile = {
    version: 1,
    accounts: accounts.map((account) => ({ ...account, refreshToken: codec.encode(account.refreshToken) })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function validate(account: Account): Account {
  const result = accountSchema.safeParse(account);
  if (!result.success) {
    // Issue paths and messages only: zod does not echo values, so no token leaks into the text.
    throw new GatewayError('invalid_request', `Invalid account: ${z.prettifyError(result.error)}`);
  }
  return { ...result.data, email: result.data.email.trim() };
}

type ParsedAccountsFile = { kind: 'accounts'; accounts: Account[] } | { kind: 'unreadable'; reason: string } | { kind: 'undecodable'; email: string };

/** The accounts, or why the file is unusable. Never quotes the file: it holds refresh tokens. */
function parseAccountsFile(text: string, codec: SecretCodec): ParsedAccountsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'not valid JSON' };
  }
  const file = accountsFileSchema.safeParse(json);
  if (!file.success) return { kind: 'unreadable', reason: `not a valid accounts file: ${z.prettifyError(file.error).replace(/\n/g, ' ')}` };
  const accounts: Account[] = [];
  for (const account of file.data.accounts) {
    try {
      accounts.push({ ...account, refreshToken: codec.decode(account.refreshToken) });
    } catch {
      return { kind: 'undecodable', email: account.email };
    }
  }
  return { kind: 'accounts', accounts };
}

/** Freezes the list and every account in it, nested records and the labels array included. */
function freezeList(accounts: Account[]): readonly Account[] {
  for (const account of accounts) deepFreeze(account);
  return Object.freeze(accounts);
}

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child as object);
}
