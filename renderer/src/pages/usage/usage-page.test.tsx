import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeEmptyUsageReport } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Usage page', () => {
  it('shows the window’s totals, charts by model and by account, and the quota burn per account', async () => {
    const bridge = createFakeBridge();
    renderApp('usage', { bridge });
    const stats = await screen.findByLabelText('Totals for the window');
    expect(within(stats).getByText('40')).toBeTruthy();
    expect(within(stats).getByText('2 failed')).toBeTruthy();
    expect(within(stats).getByText('5%')).toBeTruthy();
    expect(within(stats).getByText('61.1K')).toBeTruthy();
    expect(within(stats).getByText('52K in · 9.1K out · 13K cached')).toBeTruthy();
    expect(within(stats).getByText('1.8 s')).toBeTruthy();
    expect(within(stats).getByText('p95 6.2 s')).toBeTruthy();
    expect(within(stats).getByText('420 ms')).toBeTruthy();

    expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'model', bucket: 'hour', since: expect.any(Number), tz_offset_minutes: expect.any(Number) }));
    expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'account', bucket: 'hour' }));

    const byModel = screen.getByRole('figure', { name: 'Tokens over time, By model' });
    expect(within(byModel).getAllByText('gemini-3-flash').length).toBeGreaterThan(0);
    expect(within(byModel).getAllByText('claude-sonnet-4-5').length).toBeGreaterThan(0);
    const byAccount = screen.getByRole('figure', { name: 'Tokens over time, By account' });
    expect(within(byAccount).getAllByText('ada@example.com').length).toBeGreaterThan(0);

    const burn = screen.getByRole('table', { name: 'Quota burn by account' });
    const ada = within(burn).getByTestId('burn-ada@example.com');
    expect(within(ada).getByText('30')).toBeTruthy();
    expect(within(ada).getByText('1 failed')).toBeTruthy();
    expect(within(ada).getByText('40K / 7K')).toBeTruthy();
    expect(within(ada).getByText('77%')).toBeTruthy();
    // The models this gateway served come first, most used first (gemini-3-flash: 30 requests, claude: 10).
    expect(within(ada).getAllByRole('progressbar').map((bar) => bar.getAttribute('aria-label'))).toEqual(['Gemini 3 Flash', 'Claude Sonnet 4.5']);
    expect(within(ada).getAllByText(/resets in/).length).toBe(2);
    expect(within(burn).getByTestId('burn-bob@example.com')).toBeTruthy();
  });

  it('switches a chart to requests, and the window to 7 days in day buckets', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('usage', { bridge });
    const byModel = await screen.findByRole('figure', { name: 'Tokens over time, By model' });
    const card = byModel.closest('section') as HTMLElement;
    await user.click(within(card).getByRole('radio', { name: 'Requests' }));
    expect(await screen.findByRole('figure', { name: 'Requests over time, By model' })).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(bridge.api.getUsage).toHaveBeenLastCalledWith(expect.objectContaining({ bucket: 'day' })));
    const [query] = bridge.api.getUsage.mock.calls.at(-1) ?? [];
    const since = Number(query?.since);
    const until = Number(query?.until);
    // Seven day buckets, from a local midnight.
    expect(until - since).toBeGreaterThan(6 * 86_400_000);
    expect(until - since).toBeLessThanOrEqual(7 * 86_400_000);
    expect(new Date(since).getHours()).toBe(0);
  });

  it('counts AI requests unless lookups are included with the switch', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('usage', { bridge });
    await screen.findByLabelText('Totals for the window');
    expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'model', include_lookups: false }));
    await user.click(screen.getByRole('switch', { name: 'Include lookups' }));
    await waitFor(() => expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'model', include_lookups: true })));
    expect(bridge.api.getUsage).toHaveBeenCalledWith(expect.objectContaining({ group: 'account', include_lookups: true }));
  });

  it('has designed empty and error states', async () => {
    const bridge = createFakeBridge();
    bridge.api.getUsage.mockResolvedValue(makeEmptyUsageReport());
    const { user } = renderApp('usage', { bridge });
    expect(await screen.findByText('No requests in this window')).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();

    bridge.api.getUsage.mockRejectedValue(httpError(500, 'usage unavailable'));
    await user.click(screen.getByRole('radio', { name: '30 days' }));
    expect(await screen.findByText('usage unavailable')).toBeTruthy();
  });
});
