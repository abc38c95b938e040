/**
 * `GET /metrics` in the Prometheus text format. It sits behind the AI routes' auth (a scraper
 * sends the API key as a bearer token) unless `proxy.metrics_public` is on (middleware/auth.ts).
 */
import type { Router } from 'express';
import type { RouteCatalog } from '../route-catalog.js';

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

export function registerMetricsRoutes(router: Router, catalog: RouteCatalog, deps: { render: () => string }): void {
  router.get('/metrics', (_request, response) => {
    response.setHeader('Content-Type', prometheusContentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(deps.render());
  });
  catalog.add('GET', '/metrics');
}
