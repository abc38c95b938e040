import { describe, expect, it } from 'vitest';
import { makeAccount, makeUsageReport } from '../../../test-support/fixtures.js';
import { buildQuotaBurnRows } from './build-quota-burn-rows.js';

describe('buildQuotaBurnRows', () => {
  it('lists every pool account with its share of the window, busiest first, and accounts gone since', () => {
    const usage = makeUsageReport({
      group: 'account',
      groups: [
        { ...makeUsageReport().groups[0]!, key: 'Ada@Example.com', requests: 30, errors: 1, input_tokens: 40_000, output_tokens: 7_000 },
        { ...makeUsageReport().groups[1]!, key: 'gone@example.com', requests: 10, errors: 1, input_tokens: 12_000, output_tokens: 2_100 },
        { ...makeUsageReport().groups[1]!, key: null, requests: 3, errors: 3, input_tokens: 0, output_tokens: 0 },
      ],
    });
    const rows = buildQuotaBurnRows([makeAccount({ email: 'idle@example.com' }), makeAccount({ email: 'ada@example.com' })], usage);
    expect(rows.map((row) => [row.email, row.account === null, row.requests, row.errors])).toEqual([
      ['ada@example.com', false, 30, 1],
      ['gone@example.com', true, 10, 1],
      ['idle@example.com', false, 0, 0],
    ]);
    expect(rows[0]?.share).toBeCloseTo(47_000 / 61_100);
    expect(rows[2]?.share).toBe(0);
  });
});
