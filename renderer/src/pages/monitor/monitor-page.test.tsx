import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { makeLogDetail, makeLogSummary, makeSettings } from '../../../test-support/fixtures.js';
import { renderApp } from '../../../test-support/render-with-app.js';

function logTable() {
  return screen.findByRole('table', { name: 'Requests, newest first' });
}

function rowPaths(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('data-testid') ?? '');
}

describe('Monitor page', () => {
  it('lists the newest requests with model, mapped model, account, tokens and timing', async () => {
    const bridge = createFakeBridge();
    const item = makeLogSummary({ id: 'req_one', model: 'gpt-4o', mapped_model: 'gemini-3-flash', input_tokens: 1200, output_tokens: 340, cached_tokens: 800, duration_ms: 1240, ttfb_ms: 310 });
    bridge.api.queryLogs.mockResolvedValue({ items: [item], next_cursor: null });
    renderApp('monitor', { bridge });
    const table = await logTable();
    const row = within(table).getByTestId('log-row-req_one');
    expect(bridge.api.queryLogs).toHaveBeenCalledWith({ limit: 100 });
    for (const text of ['200', 'openai', '/v1/chat/completions', 'gpt-4o', '→ gemini-3-flash', 'ada@example.com', '1.2K / 340', '800 cached', '1.2 s', '310 ms']) {
      expect(within(row).getByText(text)).toBeTruthy();
    }
    expect(screen.getByText('That is the oldest matching request.')).toBeTruthy();
    expect(screen.getByText('Live')).toBeTruthy();
  });

  it('adds a live row at the top when a log event arrives; pause holds rows back, resume reloads with them', async () => {
    const bridge = createFakeBridge();
    bridge.api.queryLogs.mockResolvedValue({ items: [makeLogSummary({ id: 'req_old' })], next_cursor: null });
    const { user } = renderApp('monitor', { bridge });
    const table = await logTable();

    bridge.emit({ type: 'log', data: makeLogSummary({ id: 'req_live', model: 'claude-sonnet-4-5' }) });
    await waitFor(() => expect(rowPaths(table)).toEqual(['log-row-req_live', 'log-row-req_old']));
    expect(within(table).getByTestId('log-row-req_live').className).toContain('log-row--live');

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    bridge.emit({ type: 'log', data: makeLogSummary({ id: 'req_held' }) });
    expect(await screen.findByText('Paused · 1 new')).toBeTruthy();
    expect(rowPaths(table)).toEqual(['log-row-req_live', 'log-row-req_old']);

    bridge.api.queryLogs.mockResolvedValue({ items: [makeLogSummary({ id: 'req_held' }), makeLogSummary({ id: 'req_live' }), makeLogSummary({ id: 'req_old' })], next_cursor: null });
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(rowPaths(screen.getByRole('table', { name: 'Requests, newest first' }))).toEqual(['log-row-req_held', 'log-row-req_live', 'log-row-req_old']));
    expect(bridge.api.queryLogs).toHaveBeenCalledTimes(2);
  });

  it('applies the filters on the server: each choice calls queryLogs with it, text after typing pauses', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('monitor', { bridge });
    await logTable();
    const filters = screen.getByRole('search', { name: 'Filter requests' });

    await user.selectOptions(within(filters).getByLabelText('Status'), 'error');
    await waitFor(() => expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ status: 'error', limit: 100 }));
    await user.selectOptions(within(filters).getByLabelText('Account'), 'ada@example.com');
    await user.selectOptions(within(filters).getByLabelText('Protocol'), 'anthropic');
    await waitFor(() => expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ status: 'error', account: 'ada@example.com', protocol: 'anthropic', limit: 100 }));
    await user.selectOptions(within(filters).getByLabelText('Status'), '429');
    await user.type(within(filters).getByLabelText('Model'), 'gemini-3-flash');
    await user.type(within(filters).getByLabelText('Search'), ' timeout ');
    await waitFor(() =>
      expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ status: '429', model: 'gemini-3-flash', account: 'ada@example.com', protocol: 'anthropic', q: 'timeout', limit: 100 }),
    );
    // One query for the typed text, not one per keystroke.
    const typedQueries = bridge.api.queryLogs.mock.calls.filter(([query]) => query.q !== undefined || query.model !== undefined);
    expect(typedQueries.length).toBeLessThanOrEqual(2);

    await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ limit: 100 }));
    expect((within(filters).getByLabelText('Search') as HTMLInputElement).value).toBe('');
  });

  it('shows only live rows that pass the filters', async () => {
    const bridge = createFakeBridge();
    bridge.api.queryLogs.mockResolvedValue({ items: [], next_cursor: null });
    const { user } = renderApp('monitor', { bridge });
    await screen.findByText('No requests yet');
    await user.selectOptions(screen.getByLabelText('Status'), 'error');
    await screen.findByText('No requests match these filters');
    bridge.emit({ type: 'log', data: makeLogSummary({ id: 'req_fine', status: 200 }) });
    bridge.emit({ type: 'log', data: makeLogSummary({ id: 'req_broken', status: 502, error: 'upstream failed' }) });
    const table = await logTable();
    expect(rowPaths(table)).toEqual(['log-row-req_broken']);
    expect(within(table).getByText('upstream failed')).toBeTruthy();
  });

  it('loads older pages with the cursor', async () => {
    const bridge = createFakeBridge();
    bridge.api.queryLogs.mockResolvedValueOnce({ items: [makeLogSummary({ id: 'req_new' })], next_cursor: 'cursor-1' });
    bridge.api.queryLogs.mockResolvedValueOnce({ items: [makeLogSummary({ id: 'req_older' })], next_cursor: null });
    const { user } = renderApp('monitor', { bridge });
    const table = await logTable();
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    await waitFor(() => expect(rowPaths(table)).toEqual(['log-row-req_new', 'log-row-req_older']));
    expect(bridge.api.queryLogs).toHaveBeenLastCalledWith({ cursor: 'cursor-1', limit: 100 });
    expect(screen.getByText('That is the oldest matching request.')).toBeTruthy();
  });

  it('opens a request in the drawer: the attempt timeline with the failed account, its rule, the skipped one, and who answered', async () => {
    const bridge = createFakeBridge();
    bridge.api.queryLogs.mockResolvedValue({ items: [makeLogSummary({ id: 'req_retry' })], next_cursor: null });
    bridge.api.getLog.mockResolvedValue({ item: makeLogDetail({ id: 'req_retry' }) });
    const { user } = renderApp('monitor', { bridge });
    const table = await logTable();
    await user.click(within(table).getByRole('button', { name: /Details of the request at .* to \/v1\/chat\/completions/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Request details' });
    expect(bridge.api.getLog).toHaveBeenCalledWith({ id: 'req_retry' });
    const timeline = await within(drawer).findByRole('list', { name: 'Attempts' });
    const [first, second] = within(timeline).getAllByRole('listitem', { name: '' }).filter((item) => item.parentElement === timeline);
    expect(first?.textContent).toMatch(/Attempt 1.*bob@example\.com.*Failed · 429/);
    expect(first?.textContent).toContain('429 with delay: cool down and rotate');
    expect(first?.textContent).toContain('carol@example.com — cooling down until 14:05');
    expect(second?.textContent).toMatch(/Attempt 2.*ada@example\.com.*Answered/);
    expect(second?.textContent).toContain('Waited 250 ms first');
    expect(within(drawer).getByText('req_retry')).toBeTruthy();
    expect(within(drawer).getByText(/Not captured for this request/)).toBeTruthy();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows captured headers and bodies, indented when they are JSON', async () => {
    const bridge = createFakeBridge();
    bridge.api.getLog.mockResolvedValue({
      item: makeLogDetail({ request_headers: { authorization: 'Bearer sk-…[redacted]' }, request_body: '{"model":"gpt-4o","messages":[]}', response_body: 'data: {"x":1}\n\n' }),
    });
    const { user } = renderApp('monitor', { bridge });
    await user.click(within(await logTable()).getAllByRole('button', { name: /Details of the request/ })[0] as HTMLElement);
    const drawer = await screen.findByRole('dialog', { name: 'Request details' });
    const bodies = await within(drawer).findByRole('region', { name: 'Headers and bodies' });
    expect(within(bodies).getByText(/"model": "gpt-4o"/)).toBeTruthy();
    expect(within(bodies).getByText(/Bearer sk-…\[redacted\]/)).toBeTruthy();
    expect(within(bodies).getByText(/data: \{"x":1\}/)).toBeTruthy();
  });

  it('shows the mapping rule, flags a family fallback, and lists what was changed to serve the request', async () => {
    const bridge = createFakeBridge();
    bridge.api.getLog.mockResolvedValue({
      item: makeLogDetail({
        model: 'gemini-4-flash',
        mapped_model: 'gemini-3-flash',
        mapping_rule: 'family',
        conversion_warnings: [
          { code: 'web_search_dropped', message: 'web search dropped: the upstream cannot search the web and call functions in one request' },
          { code: 'max_tokens_adjusted', message: 'max_tokens 1000 raised to 9216 to leave room for an answer after the thinking budget' },
          // Logged before warnings had a kind.
          { code: null, message: 'tools.0: dropped' },
        ],
      }),
    });
    const { user } = renderApp('monitor', { bridge });
    await user.click(within(await logTable()).getAllByRole('button', { name: /Details of the request/ })[0] as HTMLElement);
    const drawer = await screen.findByRole('dialog', { name: 'Request details' });
    expect((await within(drawer).findByText('by rule family')).className).toContain('badge--family');
    expect(within(drawer).getByText('Changed to serve it')).toBeTruthy();
    // Each warning: its kind, named, then what exactly was changed.
    const warnings = within(drawer).getAllByRole('listitem').filter((item) => item.classList.contains('detail__warning'));
    expect(warnings.map((item) => [...item.children].map((child) => child.textContent))).toEqual([
      ['Web search dropped', 'web search dropped: the upstream cannot search the web and call functions in one request'],
      ['Token limit adjusted', 'max_tokens 1000 raised to 9216 to leave room for an answer after the thinking budget'],
      ['tools.0: dropped'],
    ]);
  });

  it('clears the log after asking, and shows the empty state', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('monitor', { bridge });
    await logTable();
    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    const dialog = screen.getByRole('dialog', { name: 'Clear the request log?' });
    expect(bridge.api.clearLogs).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Clear log' }));
    expect(await screen.findByText('No requests yet')).toBeTruthy();
    expect(bridge.api.clearLogs).toHaveBeenCalledWith({});
    expect(await screen.findByText('Request log cleared (1 deleted).')).toBeTruthy();
  });

  it('exports the filtered log as a CSV file', async () => {
    const bridge = createFakeBridge();
    const createObjectURL = vi.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderApp('monitor', { bridge });
    await logTable();
    await user.selectOptions(screen.getByLabelText('Status'), '5xx');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(bridge.api.exportLogsCsv).toHaveBeenCalledWith({ status: '5xx' });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Request log exported.')).toBeTruthy();
    click.mockRestore();
  });

  it('has designed loading-failure, empty and logging-off states', async () => {
    const bridge = createFakeBridge();
    bridge.api.queryLogs.mockRejectedValueOnce(httpError(500, 'database is locked'));
    bridge.api.getSettings.mockResolvedValue(makeSettings({ proxy: { enable_logging: false } }));
    const { user } = renderApp('monitor', { bridge });
    expect(await screen.findByText('database is locked')).toBeTruthy();
    bridge.api.queryLogs.mockResolvedValue({ items: [], next_cursor: null });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No requests yet')).toBeTruthy();
    expect(await screen.findByText('Request logging is off: new requests are not recorded.')).toBeTruthy();
    expect(screen.getByText('Request logging is off. Turn it on in Settings to record requests.')).toBeTruthy();
  });
});
