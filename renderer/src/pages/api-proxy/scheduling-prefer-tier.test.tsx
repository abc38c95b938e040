import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../test-support/create-fake-bridge.js';
import { makeSettings } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Account scheduling: prefer a tier', () => {
  it('shows the saved preference and saves only the changed field', async () => {
    const bridge = createFakeBridge();
    const settings = makeSettings();
    bridge.api.getSettings.mockResolvedValue({ ...settings, proxy: { ...settings.proxy, scheduling: { mode: 'balance', max_wait_s: 60, prefer_tier: 'free_first' } } });
    const { user } = renderApp('proxy', { bridge });
    const form = await screen.findByRole('form', { name: 'Account scheduling' });
    const select = within(form).getByLabelText('Prefer a tier') as HTMLSelectElement;
    expect(select.value).toBe('free_first');
    expect([...select.options].map((option) => option.textContent)).toEqual(['No preference', 'Paid first (Pro, Ultra)', 'Free first']);
    await user.selectOptions(select, 'paid_first');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { scheduling: { prefer_tier: 'paid_first' } } });
  });
});
