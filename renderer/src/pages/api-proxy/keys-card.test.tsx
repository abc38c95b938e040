import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError, makeKeyView } from '../../../test-support/create-fake-bridge.js';
import { renderApp } from '../../../test-support/render-with-app.js';

describe('Named API keys card', () => {
  it('creates a key with its rules and shows the secret once, with Copy', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    expect(await screen.findByText('No named keys yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const form = screen.getByRole('dialog', { name: 'Create an API key' });
    await user.type(within(form).getByLabelText('Name'), 'ci');
    await user.type(within(form).getByLabelText('Expires (optional)'), '30d');
    await user.type(within(form).getByLabelText('Allowed models (optional)'), 'gemini-*, claude-*');
    await user.type(within(form).getByLabelText('Requests per minute (optional)'), '60');
    bridge.api.listKeys.mockResolvedValue({ items: [{ ...makeKeyView('ci'), models: ['gemini-*', 'claude-*'], rpm: 60 }] });
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    expect(bridge.api.createKey).toHaveBeenCalledWith({ name: 'ci', expires: '30d', models: ['gemini-*', 'claude-*'], rpm: 60 });
    const shown = await screen.findByRole('dialog', { name: 'Key "ci": copy it now' });
    expect(within(shown).getByTestId('new-key-secret').textContent).toBe(`skp_0123456789ab_${'s'.repeat(43)}`);
    expect(within(shown).getByRole('button', { name: 'Copy key' })).toBeTruthy();
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByTestId('new-key-secret')).toBeNull());
    const row = await screen.findByTestId('key-ci');
    expect(within(row).getByText('gemini-*, claude-*')).toBeTruthy();
    expect(within(row).getByText('60 requests/min')).toBeTruthy();
    expect(document.body.textContent).not.toContain('s'.repeat(43));
  });

  it('keeps the form open with the server message when the name is taken', async () => {
    const bridge = createFakeBridge();
    bridge.api.createKey.mockRejectedValueOnce(httpError(409, 'An API key named "ci" already exists.'));
    const { user } = renderApp('proxy', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Create key' }));
    const form = screen.getByRole('dialog', { name: 'Create an API key' });
    await user.type(within(form).getByLabelText('Name'), 'ci');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(await within(form).findByText('An API key named "ci" already exists.')).toBeTruthy();
  });

  it('disables a key and asks before deleting one', async () => {
    const bridge = createFakeBridge();
    bridge.api.listKeys.mockResolvedValue({ items: [makeKeyView('bob')] });
    const { user } = renderApp('proxy', { bridge });
    const row = await screen.findByTestId('key-bob');
    await user.click(within(row).getByRole('button', { name: 'Disable' }));
    expect(bridge.api.updateKey).toHaveBeenCalledWith({ name: 'bob', disabled: true });
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete key "bob"?' });
    expect(bridge.api.deleteKey).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.api.deleteKey).toHaveBeenCalledWith({ name: 'bob' }));
  });

  it('sets the main key to a chosen value, showing the server refusal of a short one', async () => {
    const bridge = createFakeBridge();
    bridge.api.setApiKey.mockRejectedValueOnce(httpError(400, 'proxy.api_key must be at least 16 characters.'));
    const { user } = renderApp('proxy', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Set my own' }));
    const dialog = screen.getByRole('dialog', { name: 'Use a key of your choice' });
    await user.type(within(dialog).getByLabelText('New API key'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Use this key' }));
    expect(await within(dialog).findByText('proxy.api_key must be at least 16 characters.')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('New API key'));
    await user.type(within(dialog).getByLabelText('New API key'), 'my-own-main-key-2026');
    await user.click(within(dialog).getByRole('button', { name: 'Use this key' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Use a key of your choice' })).toBeNull());
    expect(bridge.api.setApiKey).toHaveBeenLastCalledWith({ api_key: 'my-own-main-key-2026' });
  });
});
