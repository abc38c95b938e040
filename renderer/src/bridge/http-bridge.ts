/**
 * The web console's bridge: `POST /api/admin/control/<operation>` with the input as JSON, the
 * admin credential as a Bearer token, and the live events from `GET /api/admin/events` read from a
 * fetch stream (EventSource cannot send headers).
 */
import { BridgeError } from './bridge-error.js';
import type { Bridge, ControlApi, EventFeedState, EventSubscription, SkyportEvent, SkyportEventType } from './bridge-types.js';
import { controlOperationNames } from '../../../proxy-core/control/control-operation-names.js';
import { createSseDecoder } from './decode-sse-events.js';

export interface HttpBridgeOptions {
  /** Where the admin API lives; '' = this page's origin. */
  origin?: string;
  /** The admin password or API key, read at every call (it changes at login/logout). */
  credential: () => string | null;
  fetch?: typeof fetch;
  /** Delay before the event feed reconnects, by attempt number (from 1). */
  reconnectDelayMs?: (attempt: number) => number;
  setTimer?: (callback: () => void, delayMs: number) => () => void;
}

const eventTypes = new Set<SkyportEventType>(['status', 'accounts', 'settings', 'log', 'alert']);

interface AdminErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown };
}

function readString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

async function toBridgeError(response: Response): Promise<BridgeError> {
  let body: AdminErrorBody | undefined;
  try {
    body = (await response.json()) as AdminErrorBody;
  } catch {
    body = undefined;
  }
  const message = readString(body?.error?.message) ?? `${response.status} ${response.statusText}`.trim();
  return new BridgeError(message, { kind: 'http', status: response.status, type: readString(body?.error?.type), code: readString(body?.error?.code) });
}

/** `attachment; filename="x.csv"` -> `x.csv`. */
export function readAttachmentFileName(disposition: string | null): string | null {
  const match = disposition === null ? null : /filename="([^"]+)"/.exec(disposition);
  return match?.[1] ?? null;
}

function defaultSetTimer(callback: () => void, delayMs: number): () => void {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
}

export function createHttpBridge(options: HttpBridgeOptions): Bridge {
  const origin = options.origin ?? '';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const setTimer = options.setTimer ?? defaultSetTimer;
  // Short: a gateway restarted by hand (Ctrl-C, then serve again) should be back on screen within seconds.
  const reconnectDelayMs = options.reconnectDelayMs ?? ((attempt) => Math.min(5_000, 500 * 2 ** Math.min(attempt - 1, 4)));

  const headers = (extra: Record<string, string>): Record<string, string> => {
    const credential = options.credential();
    return credential === null || credential === '' ? extra : { ...extra, Authorization: `Bearer ${credential}` };
  };

  const call = async (name: string, input: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(`${origin}/api/admin/control/${name}`, {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch (error) {
      throw new BridgeError(error instanceof Error ? error.message : String(error), { kind: 'network' });
    }
    if (!response.ok) throw await toBridgeError(response);
    return response.json();
  };

  const api = Object.fromEntries(controlOperationNames.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as ControlApi;

  // The export route streams the whole log (the ControlApi's answer would be cut at its size
  // bound); a link cannot carry the credential, so fetch it and hand over the Blob.
  const exportLogsCsv: Bridge['exportLogsCsv'] = async (filter) => {
    const parameters = new URLSearchParams({ format: 'csv' });
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
    }
    let response: Response;
    let blob: Blob;
    try {
      response = await fetchImpl(`${origin}/api/admin/logs/export?${parameters.toString()}`, {
        headers: headers({ Accept: 'text/csv' }),
        cache: 'no-store',
      });
      if (!response.ok) throw await toBridgeError(response);
      // A failure half way cuts the connection, so a short file never passes for a whole one.
      blob = await response.blob();
    } catch (error) {
      if (error instanceof BridgeError) throw error;
      throw new BridgeError(error instanceof Error ? error.message : String(error), { kind: 'network' });
    }
    return { blob, fileName: readAttachmentFileName(response.headers.get('Content-Disposition')) ?? 'skyport-requests.csv', truncated: false };
  };

  const subscribe = (subscription: EventSubscription): (() => void) => {
    const abort = new AbortController();
    let cancelTimer: (() => void) | undefined;
    let attempt = 0;
    let state: EventFeedState | undefined;
    const setState = (next: EventFeedState) => {
      if (next === state) return;
      state = next;
      subscription.onStateChange?.(next);
    };

    const connect = async (): Promise<void> => {
      setState('connecting');
      try {
        const response = await fetchImpl(`${origin}/api/admin/events`, {
          headers: headers({ Accept: 'text/event-stream' }),
          signal: abort.signal,
          cache: 'no-store',
        });
        // Wrong credential: retrying cannot help; the calls' own 401 sends the user to login.
        if (response.status === 401 || response.status === 403) {
          setState('closed');
          return;
        }
        if (!response.ok || response.body === null) throw new Error(`event stream answered ${response.status}`);
        attempt = 0;
        setState('open');
        const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(createSseDecoder()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!eventTypes.has(value.event as SkyportEventType)) continue;
          let data: unknown;
          try {
            data = JSON.parse(value.data);
          } catch {
            continue;
          }
          // The server is this gateway, same version: its event data has the contract's shape.
          subscription.onEvent({ type: value.event, data } as SkyportEvent);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      if (abort.signal.aborted) return;
      // The stream ended or failed (gateway restarting, port moved): try again, backing off.
      setState('closed');
      attempt += 1;
      cancelTimer = setTimer(() => void connect(), reconnectDelayMs(attempt));
    };

    void connect();
    return () => {
      abort.abort();
      cancelTimer?.();
    };
  };

  return { kind: 'http', api, subscribe, exportLogsCsv, desktop: null };
}
