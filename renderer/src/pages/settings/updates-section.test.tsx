import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopUpdatesApi, UpdateStatusView } from '../../bridge/bridge-types.js';
import { createFakeBridge } from '../../../test-support/create-fake-bridge.js';
import { renderApp } from '../../../test-support/render-with-app.js';

const base: UpdateStatusView = { phase: 'up_to_date', enabled: true, channel: 'latest', version: null, percent: null, message: null, checked_at: null };

function fakeUpdates(initial: UpdateStatusView) {
  let push: (status: UpdateStatusView) => void = () => {};
  const updates = {
    getUpdateStatus: vi.fn(async () => initial),
    setUpdatePreferences: vi.fn(async (input: { enabled?: boolean; channel?: 'latest' | 'beta' }) => ({ ...initial, ...input, phase: input.enabled === false ? ('off' as const) : initial.phase })),
    checkForUpdates: vi.fn(async () => ({ ...initial, phase: 'up_to_date' as const })),
    restartToUpdate: vi.fn(async () => ({ restarting: true })),
    showLogs: vi.fn(async () => ({ directory: '/home/ada/.config/Skyport/logs' })),
    onUpdateStatus: vi.fn((listener: (status: UpdateStatusView) => void) => {
      push = listener;
      return () => {
        push = () => {};
      };
    }),
  } satisfies DesktopUpdatesApi;
  return { updates, push: (status: UpdateStatusView) => act(() => push(status)) };
}

function renderWith(updates: DesktopUpdatesApi | null) {
  const bridge = { ...createFakeBridge({ kind: 'ipc' }), updates };
  return renderApp('settings', { bridge });
}

describe('Settings: updates and logs', () => {
  it('is absent in the web console', async () => {
    renderApp('settings');
    expect(await screen.findByTestId('data-dir')).toBeTruthy();
    expect(screen.queryByText('Updates and logs')).toBeNull();
  });

  it('follows the status main pushes: download progress, then Restart to update', async () => {
    const { updates, push } = fakeUpdates(base);
    const { user } = renderWith(updates);
    expect((await screen.findByTestId('update-status')).textContent).toContain('Skyport is up to date.');
    push({ ...base, phase: 'downloading', version: '2.0.0', percent: 42 });
    expect(screen.getByTestId('update-status').textContent).toContain('Downloading 2.0.0: 42%');
    expect(screen.getByRole('progressbar', { name: 'Download progress' }).getAttribute('aria-valuenow')).toBe('42');
    expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull();
    push({ ...base, phase: 'downloaded', version: '2.0.0', percent: 100 });
    await user.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(updates.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('shows a failed check as a quiet line with the reason', async () => {
    const { updates } = fakeUpdates({ ...base, phase: 'error', message: 'Update check failed: getaddrinfo ENOTFOUND api.github.com' });
    renderWith(updates);
    await waitFor(() => expect(screen.getByTestId('update-status').textContent).toContain('The last update check failed; Skyport tries again later. Update check failed: getaddrinfo ENOTFOUND api.github.com'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('turns updates off, switches to the beta channel, checks now and opens the logs', async () => {
    const { updates } = fakeUpdates(base);
    const { user } = renderWith(updates);
    await user.click(await screen.findByRole('radio', { name: 'Beta' }));
    expect(updates.setUpdatePreferences).toHaveBeenLastCalledWith({ channel: 'beta' });
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    expect(updates.checkForUpdates).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Show logs' }));
    expect(updates.showLogs).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Opened the log folder: /home/ada/.config/Skyport/logs')).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: /Update Skyport automatically/ }));
    expect(updates.setUpdatePreferences).toHaveBeenLastCalledWith({ enabled: false });
    await waitFor(() => expect(screen.getByTestId('update-status').textContent).toContain('Automatic updates are off.'));
    expect((screen.getByRole('button', { name: 'Check now' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says updates are unavailable in an unpackaged run, and still shows logs', async () => {
    const { updates } = fakeUpdates({ ...base, phase: 'unavailable', message: 'Updates are only checked in the installed app.' });
    renderWith(updates);
    await waitFor(() => expect(screen.getByTestId('update-status').textContent).toContain('Updates are not available in this run. Updates are only checked in the installed app.'));
    expect((screen.getByRole('button', { name: 'Check now' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Show logs' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
