/** Claude Code's telemetry (`/api/event_logging/batch`): accepted and dropped here, never forwarded. */
import type { Router } from 'express';
import type { RouteCatalog } from '../route-catalog.js';

export function registerAnthropicTelemetryRoutes(router: Router, catalog: RouteCatalog): void {
  router.post(['/v1/api/event_logging', '/v1/api/event_logging/*rest', '/api/event_logging', '/api/event_logging/*rest'], (_request, response) => {
    response.json({});
  });
  catalog.add('POST', '/v1/api/event_logging/batch');
}
