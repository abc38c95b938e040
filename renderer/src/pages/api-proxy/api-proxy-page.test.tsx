import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeSettings } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

function connectionForm() {
  return screen.getByRole('form', { name: 'Connection' });
}

describe('API Proxy page', () => {
  it('shows a loading state, then the settings', async () => {
    const bridge = createFakeBridge();
    let release!: () => void;
    bridge.api.getSettings.mockImplementation(() => new Promise((resolve) => (release = () => resolve(makeSettings()))));
    renderApp('proxy', { bridge });
    expect(await screen.findByText('Loading settings…')).toBeTruthy();
    release();
    expect(await screen.findByRole('form', { name: 'Connection' })).toBeTruthy();
  });

  it('shows the load error with a retry that works', async () => {
    const bridge = createFakeBridge();
    bridge.api.getSettings.mockRejectedValueOnce(httpError(500, 'settings file unreadable'));
    const { user } = renderApp('proxy', { bridge });
    expect(await screen.findByText('settings file unreadable')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Connection' })).toBeTruthy();
  });

  it('validates before saving and sends nothing while a field is wrong', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    await screen.findByRole('form', { name: 'Connection' });
    const port = within(connectionForm()).getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '70000');
    const proxy = within(connectionForm()).getByLabelText('Upstream proxy');
    await user.type(proxy, 'ftp://example.com');
    await user.click(within(connectionForm()).getByRole('button', { name: 'Save changes' }));
    expect(within(connectionForm()).getByText('Enter a port from 1 to 65535.')).toBeTruthy();
    expect(within(connectionForm()).getByText(/Leave empty, or enter an http/)).toBeTruthy();
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.api.updateSettings).not.toHaveBeenCalled();
  });

  it('turning LAN access on warns and never leaves authentication off', async () => {
    const bridge = createFakeBridge();
    bridge.api.getSettings.mockResolvedValue(makeSettings({ proxy: { auth_mode: 'off' } }));
    const { user } = renderApp('proxy', { bridge });
    await screen.findByRole('form', { name: 'Connection' });
    await user.click(within(connectionForm()).getByRole('switch', { name: 'Allow LAN access' }));
    expect(within(connectionForm()).getByText(/Anyone on your network who has the API key/)).toBeTruthy();
    expect((within(connectionForm()).getByLabelText('Authentication') as HTMLSelectElement).value).toBe('auto');
    await user.click(within(connectionForm()).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { allow_lan_access: true, auth_mode: 'auto' } });
  });

  it('shows the server’s message when it refuses a save', async () => {
    const bridge = createFakeBridge();
    bridge.api.updateSettings.mockRejectedValue(httpError(400, 'Port 8080 is in use by another program.'));
    const { user } = renderApp('proxy', { bridge });
    await screen.findByRole('form', { name: 'Connection' });
    const port = within(connectionForm()).getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '8080');
    await user.click(within(connectionForm()).getByRole('button', { name: 'Save changes' }));
    expect(await within(connectionForm()).findByText('Port 8080 is in use by another program.')).toBeTruthy();
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { port: 8080 } });
  });

  it('after a port change the web console tells the new address and goes there', async () => {
    const bridge = createFakeBridge();
    bridge.api.updateSettings.mockResolvedValue({ settings: makeSettings({ proxy: { port: 9100 } }), restarted: true, message: 'Listening on port 9100 now.' });
    const { user, navigate } = renderApp('proxy', { bridge, currentUrl: 'http://127.0.0.1:8045/console/#/proxy' });
    await screen.findByRole('form', { name: 'Connection' });
    const port = within(connectionForm()).getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '9100');
    await user.click(within(connectionForm()).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { name: 'Skyport now listens on port 9100' })).toBeTruthy();
    expect(screen.getByTestId('relocation-link').getAttribute('href')).toBe('http://127.0.0.1:9100/console/');
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('http://127.0.0.1:9100/console/'), { timeout: 5000 });
  });

  it('Copy puts the full key in the clipboard and leaves the key and every snippet masked; a shown key is hidden after leaving the page', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const key = await screen.findByTestId('api-key');
    await user.click(screen.getByRole('button', { name: 'Copy API key' }));
    // The key is fetched for the clipboard (the browser test reads the clipboard back), and not shown.
    await waitFor(() => expect(bridge.api.revealApiKey).toHaveBeenCalledTimes(1));
    await user.click(screen.getByRole('button', { name: 'Copy the cURL snippet' }));
    await waitFor(() => expect(bridge.api.revealApiKey).toHaveBeenCalledTimes(2));
    expect(key.textContent).toBe('sk-4f…9a2c');
    for (const tab of screen.getAllByRole('tab')) {
      await user.click(tab);
      expect(document.querySelector('.snippet__code')?.textContent).not.toContain('sk-0123456789abcdef');
    }

    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(key.textContent).toBe('sk-0123456789abcdef0123456789abcdef'));
    window.location.hash = '#/dashboard';
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    window.location.hash = '#/proxy';
    expect((await screen.findByTestId('api-key')).textContent).toBe('sk-4f…9a2c');
  });

  it('reveals, copies and regenerates the API key', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const key = await screen.findByTestId('api-key');
    expect(key.textContent).toBe('sk-4f…9a2c');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(key.textContent).toBe('sk-0123456789abcdef0123456789abcdef'));
    expect(bridge.api.revealApiKey).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(key.textContent).toBe('sk-4f…9a2c');

    await user.click(screen.getByRole('button', { name: 'Regenerate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Regenerate the API key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(key.textContent).toBe('sk-ffffffffffffffffffffffffffffffff'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends the current credential with a new console password in the web console, and keeps the session on the new password', async () => {
    const bridge = createFakeBridge();
    const { user, credentials } = renderApp('proxy', { bridge, credential: 'skyport-admin-token' });
    const form = await screen.findByRole('form', { name: 'Console password' });
    await user.type(within(form).getByLabelText('New password'), 'correct horse');
    await user.type(within(form).getByLabelText('Repeat the password'), 'correct horse');
    await user.click(within(form).getByRole('button', { name: 'Set password' }));
    expect(within(form).getByText('Enter the current password or the admin token.')).toBeTruthy();
    expect(bridge.api.updateSettings).not.toHaveBeenCalled();

    await user.type(within(form).getByLabelText('Current password or admin token'), 'skyport-admin-token');
    await user.click(within(form).getByRole('button', { name: 'Set password' }));
    await waitFor(() =>
      expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { admin_password: 'correct horse' }, current_credential: 'skyport-admin-token' }),
    );
    await waitFor(() => expect(credentials.get('skyport.console.credential')).toBe('correct horse'));
  });

  it('asks no current credential on desktop (IPC)', async () => {
    const bridge = createFakeBridge({ kind: 'ipc' });
    const { user } = renderApp('proxy', { bridge });
    const form = await screen.findByRole('form', { name: 'Console password' });
    expect(within(form).queryByLabelText('Current password or admin token')).toBeNull();
    await user.type(within(form).getByLabelText('New password'), 'correct horse');
    await user.type(within(form).getByLabelText('Repeat the password'), 'correct horse');
    await user.click(within(form).getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { admin_password: 'correct horse' } }));
  });

  it('fills the snippets with the live address; Claude Code gets the origin, Codex the /v1 URL', async () => {
    const { user } = renderApp('proxy');
    await screen.findByRole('tablist', { name: 'Connect your tools' });
    await user.click(screen.getByRole('tab', { name: 'Claude Code' }));
    expect(screen.getByTestId('snippet-claude-code').textContent).toContain('export ANTHROPIC_BASE_URL=http://127.0.0.1:8045\n');
    await user.click(screen.getByRole('tab', { name: 'Codex' }));
    const codex = screen.getByTestId('snippet-codex').textContent ?? '';
    expect(codex).toContain('[model_providers.skyport]');
    expect(codex).toContain('base_url = "http://127.0.0.1:8045/v1"');
    expect(codex).toContain('wire_api = "responses"');
  });

  it('validates and saves the scheduling form', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const form = await screen.findByRole('form', { name: 'Account scheduling' });
    await user.click(within(form).getByLabelText(/Cache first/));
    const attempts = within(form).getByLabelText('Attempts per request');
    await user.clear(attempts);
    await user.type(attempts, '0');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(within(form).getByText('Enter a whole number from 1 to 10.')).toBeTruthy();
    await user.clear(attempts);
    await user.type(attempts, '5');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { scheduling: { mode: 'cache_first' }, max_attempts: 5 } });
  });

  it("turns off answering Claude Code's Warmup probe locally", async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const form = await screen.findByRole('form', { name: 'Account scheduling' });
    const toggle = within(form).getByRole('checkbox', { name: /Warmup/ });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await user.click(toggle);
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ proxy: { answer_claude_code_warmup: false } });
  });

  it('validates and saves quota protection and warm-up', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const form = await screen.findByRole('form', { name: 'Quota protection and warm-up' });
    const percent = within(form).getByLabelText('Protection threshold (%)');
    const warmup = within(form).getByLabelText('Warm-up');
    await user.clear(percent);
    await user.type(percent, '100');
    await user.clear(warmup);
    await user.type(warmup, '25:00');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(within(form).getByText('Enter a whole number from 0 to 99.')).toBeTruthy();
    expect(within(form).getByText('Enter off, on_reset or a time of day such as 09:00.')).toBeTruthy();
    expect(bridge.api.updateSettings).not.toHaveBeenCalled();
    await user.clear(percent);
    await user.type(percent, '15');
    await user.clear(warmup);
    await user.type(warmup, '09:30');
    await user.click(within(form).getByLabelText(/Use the one with the most left/));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(bridge.api.updateSettings).toHaveBeenCalledWith({ accounts: { quota_protection_percent: 15, quota_protection_mode: 'fallback', warmup: '09:30' } });
  });

  it('starts and stops the gateway', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(bridge.api.stopGateway).toHaveBeenCalled();
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    expect(bridge.api.startGateway).toHaveBeenCalled();
  });
});
