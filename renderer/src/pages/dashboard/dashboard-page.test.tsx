import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeAccount, makeEmptyUsageReport, makeLogSummary, makeStatus } from '../../../test-support/fixtures.js';
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

  it('shows requests and errors today, and counts each request that finishes', async () => {
    const bridge = createFakeBridge();
    bridge.api.getUsage.mockResolvedValue(makeEmptyUsageReport({ since: new Date(Date.now() - 3_600_000).toISOString() }));
    renderApp('dashboard', { bridge });
    const today = await screen.findByRole('region', { name: 'Today' });
    const figures = await within(today).findByLabelText('Today');
    expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'model', bucket: 'day', since: expect.any(Number), tz_offset_minutes: expect.any(Number) }));
    const [query] = bridge.api.getUsage.mock.calls[0] ?? [];
    expect(new Date(Number(query?.since)).getHours()).toBe(0);
    const value = (label: string) => within(figures).getByText(label).nextElementSibling?.textContent;
    expect([value('AI requests'), value('Errors'), value('Tokens')]).toEqual(['0', '0', '0']);

    bridge.emit({ type: 'log', data: makeLogSummary({ input_tokens: 1000, output_tokens: 500 }) });
    bridge.emit({ type: 'log', data: makeLogSummary({ status: 429, error: 'rate limited', input_tokens: 0, output_tokens: 0 }) });
    // Lookups (a wrong path, a model list) are not AI requests: today's figures do not count them.
    bridge.emit({ type: 'log', data: makeLogSummary({ kind: 'lookup', path: '/v1/chat/completions/responses', status: 404, error: 'No route', input_tokens: 0, output_tokens: 0 }) });
    await waitFor(() => expect([value('AI requests'), value('Errors'), value('Tokens')]).toEqual(['2', '1', '1.5K']));
    expect(within(figures).getByText('50% of requests')).toBeTruthy();
    expect(within(today).getByRole('link', { name: 'Open Monitor' }).getAttribute('href')).toBe('#/monitor');
  });
});
