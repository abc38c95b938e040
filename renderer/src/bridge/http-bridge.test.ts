import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from './bridge-error.js';
import type { SkyportEvent } from './bridge-types.js';
import { createHttpBridge } from './http-bridge.js';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('createHttpBridge', () => {
  it('posts the input to /api/admin/control/<operation> with the Bearer credential', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => jsonResponse(200, { rules: [] }));
    const bridge = createHttpBridge({ credential: () => 'secret', fetch });
    await expect(bridge.api.setMappingRule({ pattern: 'a*', target: 'b' })).resolves.toEqual({ rules: [] });
    expect(fetch).toHaveBeenCalledWith('/api/admin/control/setMappingRule', expect.objectContaining({ method: 'POST', body: '{"pattern":"a*","target":"b"}' }));
    const init = fetch.mock.calls[0]?.[1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer secret');
  });

  it('turns the admin API error body into a BridgeError with its message, status and code', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, { error: { message: 'Invalid admin credential.', type: 'authentication_error', code: 'invalid_admin_credential' } }));
    const bridge = createHttpBridge({ credential: () => 'wrong', fetch });
    const error = await bridge.api.getStatus({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ message: 'Invalid admin credential.', status: 401, code: 'invalid_admin_credential', kind: 'http' });
  });

  it('reports an unreachable server as a network error', async () => {
    const bridge = createHttpBridge({ credential: () => null, fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    await expect(bridge.api.getStatus({})).rejects.toMatchObject({ kind: 'network', status: null });
  });

  it('streams named events and reconnects when the stream ends', async () => {
    const encoder = new TextEncoder();
    const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
    const fetch = vi.fn(async () => {
      const body = new ReadableStream<Uint8Array>({ start: (controller) => void streams.push(controller) });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    });
    const timers: (() => void)[] = [];
    const bridge = createHttpBridge({ credential: () => 'k', fetch, setTimer: (callback) => (timers.push(callback), () => {}) });
    const events: SkyportEvent[] = [];
    const states: string[] = [];
    const stop = bridge.subscribe({ onEvent: (event) => events.push(event), onStateChange: (state) => states.push(state) });
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    streams[0]?.enqueue(encoder.encode(': connected\n\nevent: accounts\ndata: {"items":[]}\n\nevent: unknown\ndata: {}\n\n'));
    await vi.waitFor(() => expect(events).toEqual([{ type: 'accounts', data: { items: [] } }]));
    streams[0]?.close();
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    expect(states).toEqual(['connecting', 'open', 'closed']);
    timers[0]?.();
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    const init = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(init[0]).toBe('/api/admin/events');
    expect((init[1].headers as Record<string, string>).Authorization).toBe('Bearer k');
    stop();
  });

  it('stops trying when the credential is refused', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, { error: { message: 'no' } }));
    const setTimer = vi.fn(() => () => {});
    const states: string[] = [];
    createHttpBridge({ credential: () => 'k', fetch, setTimer }).subscribe({ onEvent: () => {}, onStateChange: (state) => states.push(state) });
    await vi.waitFor(() => expect(states).toEqual(['connecting', 'closed']));
    expect(setTimer).not.toHaveBeenCalled();
  });

  it('downloads the CSV export with the credential and the filters, named as the server names it', async () => {
    const fetch = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response('id,time\r\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="skyport-requests-x.csv"' } }),
    );
    const bridge = createHttpBridge({ credential: () => 'secret', fetch });
    const file = await bridge.exportLogsCsv({ status: 'error', model: '', account: 'ada@example.com' });
    expect(file).toMatchObject({ fileName: 'skyport-requests-x.csv', truncated: false });
    expect(await file.blob.text()).toBe('id,time\r\n');
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/admin/logs/export?format=csv&status=error&account=ada%40example.com');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer secret');

    fetch.mockResolvedValueOnce(jsonResponse(400, { error: { message: 'Invalid query: status must be ok', type: 'invalid_request_error' } }));
    await expect(bridge.exportLogsCsv({ status: 'teapot' })).rejects.toMatchObject({ kind: 'http', status: 400, message: 'Invalid query: status must be ok' });
  });
});
