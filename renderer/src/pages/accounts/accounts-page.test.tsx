import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeAccount, makeSettings } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Accounts page', () => {
  it('shows a designed empty state that offers to add one', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({ items: [] });
    const { user } = renderApp('accounts', { bridge });
    expect(await screen.findByText('No accounts yet')).toBeTruthy();
    const addButtons = screen.getAllByRole('button', { name: 'Add account' });
    await user.click(addButtons[addButtons.length - 1]!);
    expect(await screen.findByRole('dialog', { name: 'Add accounts' })).toBeTruthy();
  });

  it('says "No quota left" for an active account at 0 everywhere, and a rest in words that goes away when it ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const bridge = createFakeBridge();
      const reset = new Date(Date.now() + 3600_000).toISOString();
      bridge.api.listAccounts.mockResolvedValue({
        items: [
          makeAccount({
            email: 'empty@example.com',
            quotas: { 'gemini-3-flash': { remaining_fraction: 0, reset_time: reset, display_name: 'Gemini 3 Flash' }, 'claude-sonnet-4-5': { remaining_fraction: 0, reset_time: reset, display_name: 'Claude Sonnet 4.5' } },
          }),
          makeAccount({ email: 'resting@example.com', cooldowns: { 'gemini-3-flash': { until: new Date(Date.now() + 90_000).toISOString(), reason: 'rate_limited' } } }),
        ],
      });
      renderApp('accounts', { bridge });
      const empty = await screen.findByTestId('account-empty@example.com');
      expect(within(empty).getByText('No quota left')).toBeTruthy();
      const resting = screen.getByTestId('account-resting@example.com');
      expect(within(resting).queryByText('No quota left')).toBeNull();
      expect(within(resting).getByTestId('cooldown-gemini-3-flash').textContent).toMatch(/^Resting for gemini-3-flash until .+ \(rate limited\)/);
      await vi.advanceTimersByTimeAsync(91_000);
      await waitFor(() => expect(within(resting).queryByTestId('cooldown-gemini-3-flash')).toBeNull());
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists accounts with tier, status reason, verification link and quota bars with countdowns', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({
      items: [
        makeAccount(),
        makeAccount({
          email: 'eve@example.com',
          status: 'validation_required',
          status_reason: 'Google asks to verify this account.',
          validation_url: 'https://accounts.google.com/signin/continue?x=1',
          tier: 'g1-pro-tier',
          quotas: {},
          quotas_updated_at: null,
        }),
      ],
    });
    renderApp('accounts', { bridge });
    const ada = await screen.findByTestId('account-ada@example.com');
    expect(within(ada).getByText('Standard')).toBeTruthy();
    expect(within(ada).getByText('Active')).toBeTruthy();
    const bar = within(ada).getByRole('progressbar', { name: 'Claude Sonnet 4.5' });
    expect(bar.getAttribute('aria-valuenow')).toBe('12');
    expect(within(ada).getByText(/resets in 2\dm/)).toBeTruthy();

    const eve = screen.getByTestId('account-eve@example.com');
    expect(within(eve).getByText('Needs verification')).toBeTruthy();
    expect(within(eve).getByText('Google asks to verify this account.')).toBeTruthy();
    expect(within(eve).getByRole('link', { name: /Verify the account/ }).getAttribute('href')).toBe('https://accounts.google.com/signin/continue?x=1');
    expect(within(eve).getByText('Pro')).toBeTruthy();
    expect(within(eve).getByText('Quotas not read yet.')).toBeTruthy();
  });

  it('shows the load error and retries', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockRejectedValueOnce(httpError(500, 'accounts.json is damaged'));
    const { user } = renderApp('accounts', { bridge });
    expect(await screen.findByText('accounts.json is damaged')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('account-ada@example.com')).toBeTruthy();
  });

  it('removes an account only after confirmation', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Remove ada@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this account?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.api.removeAccount).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Remove ada@example.com' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove account' }));
    expect(bridge.api.removeAccount).toHaveBeenCalledWith({ email: 'ada@example.com' });
    await waitFor(() => expect(screen.queryByTestId('account-ada@example.com')).toBeNull());
  });

  it('enables, disables, refreshes and prefers accounts', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await screen.findByTestId('account-ada@example.com');
    await user.click(screen.getByRole('switch', { name: /Disabled bob@example.com/ }));
    expect(bridge.api.enableAccount).toHaveBeenCalledWith({ email: 'bob@example.com' });
    await user.click(screen.getByRole('switch', { name: /Enabled ada@example.com/ }));
    expect(bridge.api.disableAccount).toHaveBeenCalledWith({ email: 'ada@example.com' });
    await user.click(screen.getByRole('button', { name: 'Refresh quotas of ada@example.com' }));
    expect(bridge.api.refreshQuota).toHaveBeenCalledWith({ email: 'ada@example.com' });
    await user.click(screen.getByRole('button', { name: 'Refresh all quotas' }));
    expect(bridge.api.refreshQuota).toHaveBeenLastCalledWith({});
  });

  it('marks the preferred account and clears the preference', async () => {
    const bridge = createFakeBridge();
    bridge.api.getSettings.mockResolvedValue(makeSettings({ proxy: { preferred_account: 'ada@example.com' } }));
    const { user } = renderApp('accounts', { bridge });
    const ada = await screen.findByTestId('account-ada@example.com');
    await waitFor(() => expect(within(ada).getByText('Preferred')).toBeTruthy());
    await user.click(within(ada).getByRole('button', { name: 'Stop preferring ada@example.com' }));
    expect(bridge.api.setPreferredAccount).toHaveBeenCalledWith({ email: '' });
    await waitFor(() => expect(within(ada).queryByText('Preferred')).toBeNull());
  });

  it('signs in with Google: opens the consent page, shows the notice, and finishes with a pasted address', async () => {
    const bridge = createFakeBridge();
    bridge.api.completeGoogleSignIn.mockRejectedValueOnce(httpError(400, 'That address has no authorization code.'));
    const { user, openExternal } = renderApp('accounts', { bridge });
    await screen.findByTestId('account-ada@example.com');
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Add accounts' });
    expect(within(dialog).getByText(/may break the provider’s terms of service/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Sign in with Google' }));
    expect(openExternal).toHaveBeenCalledWith('https://accounts.google.com/o/oauth2/v2/auth?client_id=x');
    expect(await within(dialog).findByText(/Waiting for Google/)).toBeTruthy();

    const paste = within(dialog).getByLabelText('Did the browser end on a page that would not load?');
    await user.click(within(dialog).getByRole('button', { name: 'Finish sign-in' }));
    expect(within(dialog).getByText('Paste the address the browser ended on.')).toBeTruthy();
    await user.type(paste, 'http://127.0.0.1:40000/oauth-callback?state=s');
    await user.click(within(dialog).getByRole('button', { name: 'Finish sign-in' }));
    expect(await within(dialog).findByText('That address has no authorization code.')).toBeTruthy();

    await user.clear(paste);
    await user.type(paste, 'http://127.0.0.1:40000/oauth-callback?state=s&code=4/abc');
    await user.click(within(dialog).getByRole('button', { name: 'Finish sign-in' }));
    expect(await within(dialog).findByText('new@example.com was added.')).toBeTruthy();
    expect(bridge.api.completeGoogleSignIn).toHaveBeenLastCalledWith({ login_id: 'login-1', input: 'http://127.0.0.1:40000/oauth-callback?state=s&code=4/abc' });
    await waitFor(() => expect(bridge.api.listAccounts.mock.calls.length).toBeGreaterThan(1));
  });

  it('on desktop lets main open the consent page, and polls until the browser finished', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bridge = createFakeBridge({ kind: 'ipc' });
    const { user, openExternal } = renderApp('accounts', { bridge });
    await screen.findByTestId('account-ada@example.com');
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0]!);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Sign in with Google' }));
    expect(await screen.findByText(/Finish signing in in your browser/)).toBeTruthy();
    expect(openExternal).not.toHaveBeenCalled();
    bridge.api.getGoogleSignIn.mockResolvedValue({
      login_id: 'login-1',
      status: 'succeeded',
      authorize_url: 'https://accounts.google.com/x',
      redirect_uri: 'http://127.0.0.1:40000/oauth-callback',
      started_at: new Date().toISOString(),
      email: 'polled@example.com',
      error: null,
    });
    await vi.advanceTimersByTimeAsync(1600);
    expect(await screen.findByText('polled@example.com was added.')).toBeTruthy();
  });

  it('closing the dialog cancels a sign-in still waiting', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    await screen.findByTestId('account-ada@example.com');
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0]!);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in with Google' }));
    await within(dialog).findByText(/Waiting for Google/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(bridge.api.cancelGoogleSignIn).toHaveBeenCalledWith({ login_id: 'login-1' }));
  });

  it('adds accounts from refresh tokens and reports each token', async () => {
    const bridge = createFakeBridge();
    bridge.api.importRefreshTokens.mockResolvedValue({
      results: [
        { ok: true, email: 'new@example.com', error: null },
        { ok: false, email: null, error: 'invalid_grant: Token has been expired or revoked.' },
      ],
    });
    const { user } = renderApp('accounts', { bridge });
    await screen.findByTestId('account-ada@example.com');
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0]!);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('tab', { name: 'Refresh tokens' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add accounts' }));
    expect(within(dialog).getByText('Paste at least one refresh token.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Refresh tokens' }), '1//good{enter}1//dead');
    await user.click(within(dialog).getByRole('button', { name: 'Add accounts' }));
    expect(bridge.api.importRefreshTokens).toHaveBeenCalledWith({ text: '1//good\n1//dead' });
    expect(await within(dialog).findByText('1 of 2 added.')).toBeTruthy();
    expect(within(dialog).getByText('new@example.com added.')).toBeTruthy();
    expect(within(dialog).getByText('Token 2: invalid_grant: Token has been expired or revoked.')).toBeTruthy();
  });

  it('marks the protection threshold on each quota bar and says protection is on', async () => {
    const bridge = createFakeBridge();
    bridge.api.getSettings.mockResolvedValue(makeSettings({ accounts: { quota_protection_percent: 20, quota_protection_mode: 'strict' } }));
    renderApp('accounts', { bridge });
    const ada = await screen.findByTestId('account-ada@example.com');
    const bar = within(ada).getByRole('progressbar', { name: 'Claude Sonnet 4.5' });
    expect(bar.getAttribute('aria-valuetext')).toBe('12%, protection threshold 20%');
    expect((within(bar).getByTestId('quota-threshold') as HTMLElement).style.left).toBe('20%');
    expect((await screen.findByTestId('quota-protection-summary')).textContent).toContain('less than 20%');
  });

  it('draws no threshold while protection is off', async () => {
    renderApp('accounts');
    const ada = await screen.findByTestId('account-ada@example.com');
    expect(within(ada).queryByTestId('quota-threshold')).toBeNull();
    expect(screen.queryByTestId('quota-protection-summary')).toBeNull();
  });

  it('warms up one account or all, and tells what happened', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('accounts', { bridge });
    const ada = await screen.findByTestId('account-ada@example.com');
    await user.click(within(ada).getByRole('button', { name: 'Warm up ada@example.com' }));
    expect(bridge.api.warmUpAccounts).toHaveBeenCalledWith({ email: 'ada@example.com' });
    expect(await screen.findByText('Warm-up: 1 warmed, 1 skipped, 0 failed.')).toBeTruthy();
    // A disabled account cannot be warmed.
    const bob = screen.getByTestId('account-bob@example.com');
    expect((within(bob).getByRole('button', { name: 'Warm up bob@example.com' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Warm up all' }));
    expect(bridge.api.warmUpAccounts).toHaveBeenLastCalledWith({});
  });
});
