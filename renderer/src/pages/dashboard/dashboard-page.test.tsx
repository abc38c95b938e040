import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeAccount, makeStatus } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Dashboard', () => {
  it('shows the gateway, the base URL, accounts by status and the lowest quotas', async () => {
    renderApp('dashboard');
    expect(await screen.findByTestId('base-url')).toBeTruthy();
    expect(screen.getByTestId('base-url').textContent).toBe('http://127.0.0.1:8045/v1');
    expect(screen.getByRole('button', { name: 'Copy base URL' })).toBeTruthy();
    const counts = await screen.findByRole('list', { name: 'Accounts by status' });
    expect(within(counts).getAllByRole('listitem')).toHaveLength(5);
    const quotas = screen.getByRole('region', { name: 'Lowest quotas' });
    const bars = within(quotas).getAllByRole('progressbar');
    expect(bars[0]?.getAttribute('aria-label')).toBe('Claude Sonnet 4.5');
    expect(within(quotas).getAllByText(/resets in/).length).toBe(bars.length);
  });

  it('shows why the gateway is not serving', async () => {
    const bridge = createFakeBridge();
    bridge.api.getStatus.mockResolvedValue(makeStatus({ serving: false, listening: true, error: 'Port 8045 is already in use.' }));
    renderApp('dashboard', { bridge });
    expect(await screen.findByText('Port 8045 is already in use.')).toBeTruthy();
    expect(screen.getAllByText('Error').length).toBeGreaterThan(0);
  });

  it('has designed empty and error states', async () => {
    const bridge = createFakeBridge();
    bridge.api.listAccounts.mockResolvedValue({ items: [makeAccount({ status: 'disabled', quotas: {} })] });
    bridge.api.getStatus.mockRejectedValue(httpError(500, 'status unavailable'));
    renderApp('dashboard', { bridge });
    expect(await screen.findByText('status unavailable')).toBeTruthy();
    expect(await screen.findByText('No quota data yet')).toBeTruthy();
  });
});
