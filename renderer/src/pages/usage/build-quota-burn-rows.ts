/**
 * The quota burn table's rows: every account in the pool with what it served in the window
 * (requests, errors, tokens, share of the tokens), busiest first, plus accounts that served
 * requests in the window but have left the pool since.
 */
import type { AccountView, UsageReport } from '../../store/view-types.js';

export interface QuotaBurnRow {
  email: string;
  /** null: removed from the pool since (no quota to show). */
  account: AccountView | null;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  /** This account's part of all tokens in the window, 0 to 1. */
  share: number;
}

export function buildQuotaBurnRows(accounts: readonly AccountView[], byAccount: UsageReport): QuotaBurnRow[] {
  const usage = new Map(byAccount.groups.filter((group) => group.key !== null).map((group) => [group.key?.toLowerCase() ?? '', group]));
  const totalTokens = byAccount.totals.input_tokens + byAccount.totals.output_tokens;
  const row = (email: string, account: AccountView | null): QuotaBurnRow => {
    const group = usage.get(email.toLowerCase());
    const tokens = (group?.input_tokens ?? 0) + (group?.output_tokens ?? 0);
    return {
      email,
      account,
      requests: group?.requests ?? 0,
      errors: group?.errors ?? 0,
      inputTokens: group?.input_tokens ?? 0,
      outputTokens: group?.output_tokens ?? 0,
      share: totalTokens === 0 ? 0 : tokens / totalTokens,
    };
  };
  const inPool = new Set(accounts.map((account) => account.email.toLowerCase()));
  const rows = [
    ...accounts.map((account) => row(account.email, account)),
    ...[...usage.values()].filter((group) => !inPool.has(group.key?.toLowerCase() ?? '')).map((group) => row(group.key ?? '', null)),
  ];
  return rows.sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || b.requests - a.requests || a.email.localeCompare(b.email));
}
