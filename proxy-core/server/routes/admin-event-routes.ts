/**
 * `GET /api/admin/events` (behind admin-auth): the gateway's events as server-sent events, one
 * `event: <type>` frame per event with its JSON in `data:`. `?types=log` narrows the kinds (all
 * by default). A comment heartbeat keeps proxies from closing a quiet stream; a client that
 * stops reading is cut off rather than buffered without end; the stream ends when the server
 * stops (its event scope is closed).
 */
import type { Router } from 'express';
import { gatewayEventTypes, type GatewayEvent, type GatewayEventType } from '../../control/gateway-event.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { GatewayEventBus } from '../../events/gateway-event-bus.js';
import type { RouteCatalog } from '../route-catalog.js';

export interface AdminEventRoutesDependencies {
  events: GatewayEventBus<GatewayEvent>;
  heartbeatMs?: number;
  /** Unsent bytes a slow client may leave behind before it is disconnected. */
  maxBufferedBytes?: number;
}

const path = '/api/admin/events';

function parseTypes(value: unknown): GatewayEventType[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new GatewayError('invalid_request', 'types must be a comma-separated list.', { param: 'types' });
  const known = new Set<string>(gatewayEventTypes);
  const types = value.split(',').map((type) => type.trim()).filter((type) => type !== '');
  const unknown = types.filter((type) => !known.has(type));
  if (unknown.length > 0) {
    throw new GatewayError('invalid_request', `Unknown event type ${unknown.join(', ')}; known: ${gatewayEventTypes.join(', ')}.`, { param: 'types' });
  }
  return types as GatewayEventType[];
}

export function registerAdminEventRoutes(router: Router, catalog: RouteCatalog, deps: AdminEventRoutesDependencies): void {
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const maxBufferedBytes = deps.maxBufferedBytes ?? 4 * 1024 * 1024;

  router.get(path, (request, response) => {
    const types = parseTypes(request.query.types);
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    response.write(': connected\n\n');

    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      unsubscribe();
      if (!response.writableEnded) response.end();
    };
    const heartbeat = setInterval(() => {
      if (!response.writableEnded) response.write(': ping\n\n');
    }, heartbeatMs);
    heartbeat.unref();
    const unsubscribe = deps.events.subscribe(
      (event) => {
        if (finished || response.writableEnded) return;
        if (response.writableLength > maxBufferedBytes) {
          // The client stopped reading: it reconnects and reloads, which beats unbounded memory.
          finish();
          return;
        }
        response.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      },
      { ...(types === undefined ? {} : { types }), onClose: finish },
    );
    response.on('close', finish);
  });
  catalog.add('GET', path);
}
