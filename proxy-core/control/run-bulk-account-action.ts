/**
 * bulkAccountAction: one action over the Accounts page's selection. Enable, disable, labels and
 * remove are one store change each (one write, however many accounts); quota refreshes are
 * upstream calls, run a few at a time. Every email gets its own result, in the order given
 * (duplicates, in any case, answered once).
 */
import type { Account } from '../accounts/account-schema.js';
import type { AccountPatch, AccountStore } from '../accounts/account-store.js';
import { normalizeAccountLabels } from '../accounts/normalize-account-labels.js';
import type { QuotaRefreshResult } from '../accounts/quota-refresher.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { bulkAccountActions } from './control-operations.js';

export type BulkAccountAction = (typeof bulkAccountActions)[number];

export interface BulkAccountResult {
  email: string;
  ok: boolean;
  error: string | null;
}

export interface BulkAccountDependencies {
  store: Pick<AccountStore, 'get' | 'updateMany' | 'removeMany'>;
  refreshQuotas(email: string): Promise<QuotaRefreshResult[]>;
  /** Quota refreshes in flight at once. */
  concurrency?: number;
}

export async function runBulkAccountAction(
  deps: BulkAccountDependencies,
  input: { emails: readonly string[]; action: BulkAccountAction; label?: string | undefined },
): Promise<BulkAccountResult[]> {
  const emails = uniqueEmails(input.emails);
  const results = new Map<string, BulkAccountResult>();
  const found: Account[] = [];
  for (const email of emails) {
    const account = deps.store.get(email);
    if (account === undefined) results.set(email, { email, ok: false, error: `No account ${email}.` });
    else found.push(account);
  }
  const answer = () => emails.map((email) => results.get(email) ?? { email, ok: false, error: 'Not processed.' });

  switch (input.action) {
    case 'remove': {
      const removed = await deps.store.removeMany(found.map((account) => account.email));
      found.forEach((account, i) => results.set(key(account.email), { email: account.email, ok: removed[i] === true, error: removed[i] ? null : `No account ${account.email}.` }));
      return answer();
    }
    case 'refresh_quota': {
      await forEachLimited(found, deps.concurrency ?? 4, async (account) => {
        const [result] = await deps
          .refreshQuotas(account.email)
          .catch((error: unknown): QuotaRefreshResult[] => [{ ok: false, email: account.email, error: toGatewayError(error) }]);
        results.set(key(account.email), {
          email: account.email,
          ok: result?.ok === true,
          error: result === undefined ? 'The quota refresh returned nothing.' : result.ok ? null : result.error.message,
        });
      });
      return answer();
    }
    default: {
      const changes: Array<{ email: string; patch: AccountPatch }> = [];
      for (const account of found) {
        const patch = patchFor(input.action, account, input.label);
        if (patch instanceof GatewayError) results.set(key(account.email), { email: account.email, ok: false, error: patch.message });
        else changes.push({ email: account.email, patch });
      }
      const updated = changes.length === 0 ? [] : await deps.store.updateMany(changes);
      changes.forEach((change, i) => {
        results.set(key(change.email), { email: change.email, ok: updated[i] !== undefined, error: updated[i] === undefined ? `No account ${change.email}.` : null });
      });
      return answer();
    }
  }
}

function patchFor(action: Exclude<BulkAccountAction, 'remove' | 'refresh_quota'>, account: Account, label: string | undefined): AccountPatch | GatewayError {
  switch (action) {
    case 'enable':
      if (account.status === 'revoked') {
        return new GatewayError('invalid_request', `The refresh token of ${account.email} was revoked; add the account again.`, { code: 'account_revoked' });
      }
      // As enableAccount: the user says "try it again", so old cooldowns and refusals go.
      return { status: 'active', statusReason: undefined, validationUrl: undefined, cooldowns: {} };
    case 'disable':
      return { status: 'disabled', statusReason: 'Disabled by user' };
    case 'add_label':
    case 'remove_label': {
      const wanted = (label ?? '').trim();
      if (wanted === '') return new GatewayError('invalid_request', 'A label is required.', { param: 'label' });
      return (current: Account) => {
        const labels = current.labels ?? [];
        if (action === 'remove_label') return { labels: labels.filter((existing) => existing.toLowerCase() !== wanted.toLowerCase()) };
        return { labels: normalizeAccountLabels([...labels, wanted]) };
      };
    }
  }
}

function key(email: string): string {
  return email.trim().toLowerCase();
}

function uniqueEmails(emails: readonly string[]): string[] {
  return [...new Set(emails.map(key).filter((email) => email !== ''))];
}

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
