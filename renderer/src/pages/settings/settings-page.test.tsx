import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Settings page', () => {
  it('switches the theme (CSS variables follow data-theme) and remembers it', async () => {
    const { user, preferences } = renderApp('settings');
    await user.click(await screen.findByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(preferences.get('skyport.theme')).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('switches the language of the whole UI', async () => {
    const { user } = renderApp('settings');
    await user.selectOptions(await screen.findByLabelText('Language'), 'ko');
    expect(await screen.findByRole('heading', { level: 1, name: '설정' })).toBeTruthy();
    expect(within(screen.getByRole('navigation')).getByText('계정')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ko');
    await user.selectOptions(screen.getByLabelText('언어'), 'zh-CN');
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeTruthy();
  });

  it('shows the data directory; hides launch at login in the web console', async () => {
    renderApp('settings');
    expect((await screen.findByTestId('data-dir')).textContent).toBe('/home/ada/.skyport');
    expect(screen.queryByText('Launch Skyport at login')).toBeNull();
  });

  it('offers launch at login on desktop', async () => {
    const desktop = {
      getDesktopSettings: vi.fn(async () => ({ available: true, launch_at_login: false })),
      updateDesktopSettings: vi.fn(async (input: { launch_at_login?: boolean }) => ({ available: true, launch_at_login: input.launch_at_login ?? false })),
    };
    const { user } = renderApp('settings', { bridge: createFakeBridge({ kind: 'ipc', desktop }) });
    const toggle = await screen.findByRole('switch', { name: 'Launch Skyport at login' });
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    await user.click(toggle);
    expect(desktop.updateDesktopSettings).toHaveBeenCalledWith({ launch_at_login: true });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
  });

  it('exports without secrets unless asked', async () => {
    const bridge = createFakeBridge();
    const createObjectURL = vi.fn(() => 'blob:settings');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    // jsdom cannot follow the download link; the click is what matters.
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderApp('settings', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Export…' }));
    expect(bridge.api.exportSettings).toHaveBeenCalledWith({ include_secrets: false });
    await user.click(screen.getByRole('checkbox', { name: /Include secrets/ }));
    expect(screen.getByText(/Anyone with this file can use your gateway/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(bridge.api.exportSettings).toHaveBeenLastCalledWith({ include_secrets: true });
    expect(createObjectURL).toHaveBeenCalledTimes(2);
    expect(click).toHaveBeenCalledTimes(2);
    click.mockRestore();
  });

  it('refuses a file that is not JSON, and shows the server’s refusal of a bad one', async () => {
    const bridge = createFakeBridge();
    bridge.api.previewSettingsImport.mockRejectedValue(httpError(400, 'proxy.port: must be at most 65535'));
    const { user } = renderApp('settings', { bridge });
    const input = await screen.findByLabelText('Import a file…', { selector: 'input' });
    await user.upload(input, new File(['not json'], 'x.json', { type: 'application/json' }));
    expect(await screen.findByText(/This file is not JSON/)).toBeTruthy();
    expect(bridge.api.previewSettingsImport).not.toHaveBeenCalled();
    await user.upload(input, new File(['{"proxy":{"port":70000}}'], 'x.json', { type: 'application/json' }));
    expect(await screen.findByText('proxy.port: must be at most 65535')).toBeTruthy();
    expect(bridge.api.previewSettingsImport).toHaveBeenCalledWith({ document: { proxy: { port: 70000 } } });
    expect(bridge.api.importSettings).not.toHaveBeenCalled();
  });

  it('shows what a file changes before applying it; secrets only when ticked', async () => {
    const bridge = createFakeBridge({ kind: 'ipc' });
    bridge.api.previewSettingsImport.mockResolvedValue({
      changes: [
        { path: 'proxy.request_timeout_s', before: '120', after: '300', kind: 'setting' },
        { path: 'proxy.api_key', before: null, after: null, kind: 'secret' },
      ],
    });
    bridge.api.importSettings.mockResolvedValue({ settings: await bridge.api.getSettings({}), skipped_secrets: ['proxy.api_key'] });
    const { user } = renderApp('settings', { bridge });
    const input = await screen.findByLabelText('Import a file…', { selector: 'input' });
    const file = { proxy: { request_timeout_s: 300, api_key: 'sk-from-the-file' } };
    await user.upload(input, new File([JSON.stringify(file)], 'x.json', { type: 'application/json' }));
    const dialog = await screen.findByRole('dialog', { name: 'What this file changes' });
    expect(within(dialog).getByTestId('import-changes').textContent).toContain('proxy.request_timeout_s: 120 → 300');
    expect(dialog.textContent).toContain('The file also holds a different API key or console password. (proxy.api_key)');
    expect(dialog.textContent).not.toContain('sk-from-the-file');
    expect(bridge.api.importSettings).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(bridge.api.importSettings).toHaveBeenCalledWith({ document: file, apply_secrets: false }));
    expect(await screen.findByText('Left as they were: proxy.api_key.')).toBeTruthy();
  });

  it('will not apply a file that changes upstream.*, and says why', async () => {
    const bridge = createFakeBridge();
    bridge.api.previewSettingsImport.mockResolvedValue({
      changes: [{ path: 'upstream.oauth_token_url', before: '"https://oauth2.googleapis.com/token"', after: '"http://evil.example/token"', kind: 'owner_only' }],
    });
    const { user } = renderApp('settings', { bridge });
    const input = await screen.findByLabelText('Import a file…', { selector: 'input' });
    await user.upload(input, new File(['{"upstream":{"oauth_token_url":"http://evil.example/token"}}'], 'x.json', { type: 'application/json' }));
    const dialog = await screen.findByRole('dialog', { name: 'What this file changes' });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/only the owner changes them/);
    expect(within(dialog).getByTestId('import-owner-only').textContent).toContain('http://evil.example/token');
    expect((within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    expect(bridge.api.importSettings).not.toHaveBeenCalled();
  });

  it('validates the quota refresh interval', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('settings', { bridge });
    const field = await screen.findByLabelText('Every (minutes)');
    await user.clear(field);
    await user.type(field, '0');
    await user.click(within(screen.getByRole('form', { name: 'Quota refresh' })).getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Enter a whole number of minutes from 1 to 1440.')).toBeTruthy();
    await user.clear(field);
    await user.type(field, '30');
    await user.click(within(screen.getByRole('form', { name: 'Quota refresh' })).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ accounts: { quota_refresh_min: 30 } });
  });

  it('saves the request log settings, warns before bodies are captured, and checks the ranges', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('settings', { bridge });
    const form = await screen.findByRole('form', { name: 'Request log' });
    expect(within(form).getByRole('switch', { name: 'Record requests' }).getAttribute('aria-checked')).toBe('true');
    expect(within(form).queryByText(/stored unencrypted/)).toBeNull();
    await user.click(within(form).getByRole('switch', { name: 'Capture request and response bodies' }));
    expect(within(form).getByRole('note').textContent).toMatch(/Bodies hold your prompts and the answers, stored unencrypted/);

    const retention = within(form).getByLabelText('Keep for (days)');
    await user.clear(retention);
    await user.type(retention, '0');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(within(form).getByText('Enter a whole number of days from 1 to 3650.')).toBeTruthy();
    expect(bridge.api.updateSettings).not.toHaveBeenCalled();

    await user.clear(retention);
    await user.type(retention, '7');
    const maxRows = within(form).getByLabelText('Keep at most (records)');
    await user.clear(maxRows);
    await user.type(maxRows, '250,000');
    await user.click(within(form).getByRole('switch', { name: 'Record requests' }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { enable_logging: false }, monitor: { retention_days: 7, max_rows: 250_000, capture_bodies: true } });
  });
});
