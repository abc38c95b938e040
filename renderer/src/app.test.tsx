import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../test-support/create-fake-bridge.js';
import { makeStatus } from '../test-support/fixtures.js';
import { renderApp } from '../test-support/render-with-app.js';
import { credentialKey } from './preferences/browser-storage.js';

describe('web console login', () => {
  it('asks for the credential, shows the refusal on 401, and keeps the accepted one for the tab', async () => {
    const bridge = createFakeBridge();
    bridge.api.getStatus.mockImplementation(async () => {
      throw httpError(401, 'Invalid admin credential.', 'invalid_admin_credential');
    });
    const { user, credentials } = renderApp('dashboard', { bridge, credential: null });

    const field = await screen.findByLabelText('Admin token or console password');
    // Where the credential comes from, in one line.
    expect(screen.getByText(/npm run skyport -- console-login/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter the admin token or the console password.')).toBeTruthy();

    await user.type(field, 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('That token or password is not right (the API key does not open the console).')).toBeTruthy();
    expect(credentials.get(credentialKey)).toBeNull();

    bridge.api.getStatus.mockResolvedValue(makeStatus());
    await user.clear(field);
    await user.type(field, 'right-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    expect(credentials.get(credentialKey)).toBe('right-password');
  });

  it('says so when the gateway cannot be reached at all', async () => {
    const bridge = createFakeBridge();
    const { BridgeError } = await import('./bridge/bridge-error.js');
    bridge.api.getStatus.mockRejectedValue(new BridgeError('Failed to fetch', { kind: 'network' }));
    const { user } = renderApp('dashboard', { bridge, credential: null });
    await user.type(await screen.findByLabelText('Admin token or console password'), 'anything');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Skyport cannot be reached/)).toBeTruthy();
  });

  it('goes back to the login screen when a stored credential stops working', async () => {
    const bridge = createFakeBridge();
    renderApp('accounts', { bridge, credential: 'old-key' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    bridge.api.listMappingRules.mockRejectedValue(httpError(401, 'Invalid admin credential.'));
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    bridge.emit({ type: 'settings', data: (await bridge.api.getSettings({})) });
    expect(await screen.findByText(/Your session ended/)).toBeTruthy();
  });

  it('needs no login on desktop (the preload is the trust) and shows no sign-out', async () => {
    const bridge = createFakeBridge({ kind: 'ipc' });
    renderApp('dashboard', { bridge, credential: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});

describe('offline', () => {
  it('says "not reachable" when the event stream closes and the gateway does not answer, disables the page, and reloads when it is back', async () => {
    const bridge = createFakeBridge();
    const { BridgeError } = await import('./bridge/bridge-error.js');
    renderApp('dashboard', { bridge });
    expect(await screen.findByText('http://127.0.0.1:8045/v1')).toBeTruthy();
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    const feed = bridge.subscriptions[0];

    bridge.api.getStatus.mockRejectedValue(new BridgeError('Failed to fetch', { kind: 'network' }));
    feed?.onStateChange?.('closed');
    const banner = await screen.findByTestId('offline-banner');
    expect(banner.textContent).toContain('Skyport is not reachable; retrying…');
    expect(within(screen.getByRole('navigation')).getByText('Not reachable')).toBeTruthy();
    expect(screen.getByTestId('gateway-offline')).toBeTruthy();
    // The old data stays readable, but nothing can be pressed.
    expect(screen.getByRole('button', { name: 'Stop' }).matches(':disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Retry now' }).matches(':disabled')).toBe(false);

    const accountsCalls = bridge.api.listAccounts.mock.calls.length;
    bridge.api.getStatus.mockResolvedValue(makeStatus());
    feed?.onStateChange?.('open');
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).toBeNull());
    expect(screen.getByRole('button', { name: 'Stop' }).matches(':disabled')).toBe(false);
    // Back: everything is read again, not just the status.
    await waitFor(() => expect(bridge.api.listAccounts.mock.calls.length).toBeGreaterThan(accountsCalls));
  });

  it('a refusal is an answer: an HTTP error does not mark the gateway offline', async () => {
    const bridge = createFakeBridge();
    renderApp('dashboard', { bridge });
    expect(await screen.findByText('http://127.0.0.1:8045/v1')).toBeTruthy();
    bridge.api.getStatus.mockRejectedValue(httpError(500, 'status unavailable'));
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    bridge.subscriptions[0]?.onStateChange?.('closed');
    await waitFor(() => expect(bridge.api.getStatus.mock.calls.length).toBeGreaterThan(1));
    expect(screen.queryByTestId('offline-banner')).toBeNull();
  });
});

describe('shell', () => {
  it('navigates by hash and marks the current page', async () => {
    const { user } = renderApp('dashboard');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await user.click(within(nav).getByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Settings · Skyport');
  });

  it('replaces its cached state with what a live event carries', async () => {
    const bridge = createFakeBridge();
    renderApp('dashboard', { bridge });
    expect(await screen.findByText('http://127.0.0.1:8045/v1')).toBeTruthy();
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    bridge.emit({ type: 'status', data: makeStatus({ serving: false }) });
    expect(await screen.findByText(/AI requests are refused \(503\)/)).toBeTruthy();
    expect(within(screen.getByRole('navigation')).getByText('Stopped')).toBeTruthy();
  });

  it('falls back to polling while the event feed is down', async () => {
    const bridge = createFakeBridge();
    bridge.subscribe = (subscription) => {
      subscription.onStateChange?.('closed');
      return () => {};
    };
    const { vi } = await import('vitest');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderApp('dashboard', { bridge });
    await screen.findByText('http://127.0.0.1:8045/v1');
    const calls = bridge.api.getStatus.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5_100);
    expect(bridge.api.getStatus.mock.calls.length).toBeGreaterThan(calls);
  });
});
