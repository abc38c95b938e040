import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../test-support/create-fake-bridge.js';
import { makeAccount } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

const quota = (remaining_fraction: number) => ({ remaining_fraction, reset_time: null, display_name: 'Flash' });

/** 120 accounts: every third disabled, every fifth labelled "night", flash quota falling with the index. */
function pool() {
  return Array.from({ length: 120 }, (_, i) =>
    makeAccount({
      email: `user${String(i).padStart(3, '0')}@team.dev`,
      status: i % 3 === 0 ? 'disabled' : 'active',
      tier: i % 2 === 0 ? 'g1-pro-tier' : 'free-tier',
      labels: i % 5 === 0 ? ['night'] : [],
      quotas: { 'gemini-3-flash': quota((120 - i) / 120) },
    }),
  );
}

describe('Accounts page with many accounts', () => {
  it('pages 50 at a time, searches and filters, and sorts by the lowest quota of a model', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({ items: pool() });
    const { user } = renderApp('accounts', { bridge });
    expect((await screen.findByTestId('accounts-count')).textContent).toBe('120 accounts');
    expect(screen.getAllByRole('row')).toHaveLength(51);
    expect(screen.getByTestId('accounts-page-range').textContent).toBe('1–50 of 120');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('accounts-page-range').textContent).toBe('51–100 of 120');
    expect(screen.getByTestId('account-user050@team.dev')).toBeTruthy();

    await user.type(screen.getByTestId('accounts-search'), 'user11');
    expect(screen.getByTestId('accounts-count').textContent).toBe('10 of 120 accounts match');
    // A filter goes back to the first page.
    expect(screen.queryByTestId('accounts-page-range')).toBeNull();
    await user.clear(screen.getByTestId('accounts-search'));

    await user.selectOptions(screen.getByTestId('accounts-filter-label'), 'night');
    await user.selectOptions(screen.getByTestId('accounts-filter-status'), 'disabled');
    // i % 15 === 0: 0, 15, …, 105.
    expect(screen.getByTestId('accounts-count').textContent).toBe('8 of 120 accounts match');
    await user.selectOptions(screen.getByTestId('accounts-filter-tier'), 'free');
    expect(screen.getByTestId('accounts-count').textContent).toBe('4 of 120 accounts match');
    await user.selectOptions(screen.getByTestId('accounts-sort'), 'gemini-3-flash');
    const emails = screen.getAllByRole('row').slice(1).map((row) => row.getAttribute('data-testid'));
    expect(emails).toEqual(['account-user105@team.dev', 'account-user075@team.dev', 'account-user045@team.dev', 'account-user015@team.dev']);
  });

  it('selects a whole page, keeps the selection across pages, and disables every selected account in one call', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({ items: pool() });
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByTestId('accounts-select-page'));
    expect(screen.getByText('Selected: 50')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select user060@team.dev' }));
    expect(screen.getByText('Selected: 51')).toBeTruthy();
    const bar = screen.getByTestId('accounts-bulk-bar');
    await user.click(within(bar).getByRole('button', { name: 'Disable' }));
    expect(bridge.api.bulkAccountAction).toHaveBeenCalledTimes(1);
    const call = bridge.api.bulkAccountAction.mock.calls[0]?.[0];
    expect(call?.action).toBe('disable');
    expect(call?.emails).toHaveLength(51);
    expect(call?.emails).toContain('user000@team.dev');
    expect(call?.emails).toContain('user060@team.dev');
    expect(bridge.api.disableAccount).not.toHaveBeenCalled();
  });

  it('asks before removing the selection, naming the count', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({ items: pool().slice(0, 3) });
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByTestId('accounts-select-page'));
    await user.click(within(screen.getByTestId('accounts-bulk-bar')).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove 3 accounts?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.api.bulkAccountAction).not.toHaveBeenCalled();
    await user.click(within(screen.getByTestId('accounts-bulk-bar')).getByRole('button', { name: 'Remove' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove 3 accounts' }));
    expect(bridge.api.bulkAccountAction).toHaveBeenCalledWith({ emails: ['user000@team.dev', 'user001@team.dev', 'user002@team.dev'], action: 'remove' });
  });

  it('edits labels and the proxy, and shows a failed proxy test with its error and latency', async () => {
    const bridge = createFakeBridge();
    bridge.api.testAccountProxy.mockResolvedValue({ ok: false, step: 'token_refresh', latency_ms: 812, proxy: 'http://127.0.0.1:9', models: null, error: 'connect ECONNREFUSED 127.0.0.1:9' });
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Labels and proxy of ada@example.com' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Labels'), 'team-a, night ,');
    await user.type(within(dialog).getByLabelText('Upstream proxy for this account'), 'http://127.0.0.1:9');
    await user.click(within(dialog).getByRole('button', { name: 'Test' }));
    expect(bridge.api.testAccountProxy).toHaveBeenCalledWith({ email: 'ada@example.com', url: 'http://127.0.0.1:9' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The token refresh failed after 812 ms: connect ECONNREFUSED 127.0.0.1:9');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.setAccountLabels).toHaveBeenCalledWith({ email: 'ada@example.com', labels: ['team-a', 'night'] });
    expect(bridge.api.setAccountProxy).toHaveBeenCalledWith({ email: 'ada@example.com', url: 'http://127.0.0.1:9' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(screen.getByTestId('account-ada@example.com')).getByText('via http://127.0.0.1:9')).toBeTruthy();
  });
});
