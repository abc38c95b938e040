import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../test-support/create-fake-bridge.js';
import { renderApp } from '../../test-support/render-with-app.js';
import type { AlertView } from '../store/view-types.js';

const alert = (id: string, overrides: Partial<AlertView> = {}): AlertView => ({
  id,
  kind: 'quota_low',
  severity: 'warning',
  message: `ada@example.com has 8% of Gemini 3 Flash left (${id})`,
  account: 'ada@example.com',
  model: 'gemini-3-flash',
  at: '2026-12-07T12:00:00.000Z',
  ...overrides,
});

describe('alert banners', () => {
  it('shows each alert event as a banner, newest first, until it is dismissed', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('dashboard', { bridge });
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    expect(screen.queryByTestId('alert-banners')).toBeNull();
    bridge.emit({ type: 'alert', data: alert('a1') });
    bridge.emit({ type: 'alert', data: alert('a2', { kind: 'account_left_pool', severity: 'error', message: 'bob@example.com left the pool' }) });
    const region = await screen.findByRole('region', { name: 'Alerts' });
    const banners = within(region).getAllByText(/ada@example.com has 8%|left the pool/);
    expect(banners.map((banner) => banner.textContent?.slice(0, 15))).toEqual(['bob@example.com', 'ada@example.com']);
    // An error is announced at once; a warning politely.
    expect(within(region).getByRole('alert').textContent).toContain('bob@example.com left the pool');
    expect(within(region).getByRole('status').textContent).toContain('(a1)');
    // It stays (no timer), and goes when dismissed.
    await user.click(within(within(region).getByRole('alert')).getByRole('button', { name: 'Dismiss alert' }));
    expect(within(region).queryByRole('alert')).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'Dismiss alert' }));
    expect(screen.queryByTestId('alert-banners')).toBeNull();
  });

  it('keeps the five newest', async () => {
    const bridge = createFakeBridge();
    renderApp('dashboard', { bridge });
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    for (let index = 1; index <= 7; index += 1) bridge.emit({ type: 'alert', data: alert(`a${index}`) });
    const region = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(region).getAllByRole('button', { name: 'Dismiss alert' })).toHaveLength(5);
    expect(within(region).queryByText(/\(a2\)/)).toBeNull();
    expect(within(region).getByText(/\(a7\)/)).toBeTruthy();
  });
});

describe('alerts raised before the page was open', () => {
  it('are read at start, and one dismissed stays dismissed when they are read again', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAlerts.mockResolvedValue({ items: [alert('old', { kind: 'keyring_locked', message: 'The keyring is locked', at: '2026-12-07T11:00:00.000Z' })] });
    const { user, store } = renderApp('dashboard', { bridge });
    const region = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(region).getByText(/The keyring is locked/)).toBeTruthy();
    // A live one is newer: first.
    await waitFor(() => expect(bridge.subscriptions.length).toBe(1));
    bridge.emit({ type: 'alert', data: alert('new') });
    await within(region).findByText(/\(new\)/);
    expect(within(region).getAllByRole('status').map((banner) => banner.textContent?.includes('(new)'))).toEqual([true, false]);
    await user.click(within(within(region).getAllByRole('status')[1] as HTMLElement).getByRole('button', { name: 'Dismiss alert' }));
    await store.getState().loadAlerts();
    expect(within(region).queryByText(/The keyring is locked/)).toBeNull();
  });
});
